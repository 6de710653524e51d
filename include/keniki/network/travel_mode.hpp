#pragma once
// Travel modes: who may use a way (from OSM tags or a line layer's fields) and how fast they go.
// Walking: every way a person may walk along, at one speed (a separate, slower one for elderly
// people). Driving: ways open to cars, one-way rules respected, speed from the tagged maxspeed or
// from a table by road class. Pure functions and plain structs: no library, no file.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace keniki::network {

enum class Mode { walk, drive };

std::string_view to_string(Mode mode);
/// "walk" or "drive" (also "foot", "car"); throws UsageError otherwise.
Mode parse_mode(std::string_view text);

/// What a way allows, whatever mode the network is built for.
struct WayAttributes {
    std::string highway;                 ///< OSM highway class ("residential" ...) or a class field's value; empty when unknown
    bool walk = true;                    ///< people may walk along it
    bool drive = true;                   ///< cars may drive along it
    std::int8_t oneway = 0;              ///< for cars: 1 only in the drawing direction, -1 only against it, 0 both ways
    std::optional<double> maxspeed_kmh;  ///< tagged speed limit
    std::optional<double> speed_kmh;     ///< explicit travel speed (a line layer's speed field): overrides class and maxspeed for cars
};

/// The tags of an OSM way that decide who may use it (empty when absent).
struct WayTags {
    std::string_view highway{}, area{}, access{}, foot{}, vehicle{}, motor_vehicle{}, motorcar{}, service{}, oneway{}, junction{},
        maxspeed{};
};

/// Which ways people may walk along: the walk mode's filter, applied as the roads are read (see
/// RoadReadOptions::walk). A way is walkable when its highway class is in `highway`, its foot
/// value is not in foot_no, and either its foot value is in foot_yes or its access value is not in
/// foot_no (foot=yes opens a way that access=private closes).
/// The defaults are the lists below; apply_walk_tags changes them.
struct WalkRules {
    /// Classes people may walk along: trunk ... residential, living_street, service, pedestrian,
    /// track, road, footway, path, steps, cycleway, bridleway, corridor. Not motorways.
    std::vector<std::string> highway = {"trunk",         "trunk_link", "primary",       "primary_link", "secondary",   "secondary_link",
                                        "tertiary",      "tertiary_link", "unclassified", "residential", "living_street", "service",
                                        "pedestrian",    "track",      "road",          "footway",      "path",        "steps",
                                        "cycleway",      "bridleway",  "corridor"};
    /// foot values that open a way of a walkable class even where its access value closes it.
    std::vector<std::string> foot_yes = {"yes", "designated", "permissive", "destination"};
    /// foot values that close a way; access values that close it unless its foot value is in foot_yes.
    std::vector<std::string> foot_no = {"no", "private"};

    bool walkable_class(std::string_view klass) const;
    /// The rule above, on a way's highway, foot and access values (empty when absent).
    bool walkable(std::string_view klass, std::string_view foot, std::string_view access) const;
    /// "highway = trunk, ...; foot = yes, designated, ... opens a way whatever access says; foot or
    /// access = no, private closes it (foot opening first)". For the notes that go with the roads.
    std::string describe() const;
    bool operator==(const WalkRules&) const = default;
};

/// The rules as built in (one shared instance).
const WalkRules& default_walk_rules();

/// Changes `rules` by a --walk-tags / [network] walk_tags text: clauses KEY=LIST separated by ';',
/// KEY one of highway, foot_yes, foot_no, LIST comma-separated values that are either all changes
/// (+value adds it, -value removes it; removing a value the list does not hold is an error) or all
/// plain (the list becomes exactly those values). Spaces round items are dropped.
///   "highway=-steps,+platform; foot_no=+use_sidepath"     "highway=footway,path,pedestrian"
/// Throws UsageError (the message says what is wrong, without naming the option: callers add that).
void apply_walk_tags(WalkRules& rules, std::string_view text);

/// Classes people may walk along by the default rules (default_walk_rules().walkable_class).
bool walkable_class(std::string_view highway);
/// Classes cars may drive along (unless tags forbid it): motorway ... residential, living_street,
/// service, road (and the _link classes). Not track, footway, path, steps, cycleway, pedestrian ...
bool drivable_class(std::string_view highway);

/// Who may use an OSM way. nullopt when it is a road for nobody: no or unknown highway class,
/// area=yes, or closed to both walkers and cars.
///   walk:  by `walk` (see WalkRules): by default foot=no|private forbids,
///          foot=yes|designated|permissive|destination allows, else access=no|private forbids.
///   drive: the most specific of motorcar, motor_vehicle, vehicle, access decides (no, private,
///          agricultural, forestry, delivery, emergency forbid); service=emergency_access|private forbids.
///   oneway (cars): oneway=yes|true|1 along, -1|reverse against, no|false|0 both; otherwise
///          junction=roundabout|circular and highway=motorway are one-way along.
std::optional<WayAttributes> classify_way(const WayTags& tags, const WalkRules& walk = default_walk_rules());

/// A maxspeed value in km/h: "40", "40 km/h", "25 mph", "walk" (6). nullopt for "none", "signals",
/// zone codes such as "JP:urban", lists and anything else.
std::optional<double> parse_maxspeed(std::string_view text);

/// A one-way value: yes/true/1/F/FT -> 1; -1/reverse/T/TF -> -1 (Geofabrik shapefiles' F/T/B);
/// no/false/0/B/"" -> 0; nullopt for anything else.
std::optional<std::int8_t> parse_oneway(std::string_view text);

using SpeedTable = std::map<std::string, double, std::less<>>;

/// Planning speeds for cars by highway class, km/h: typical travel speeds on Japanese local roads
/// (signals and junctions included), not limits. motorway 80, motorway_link 40, trunk 40,
/// trunk_link 30, primary 35, primary_link 25, secondary 30, secondary_link 25, tertiary 30,
/// tertiary_link 20, unclassified 25, residential 20, living_street 10, service 15, road 20.
SpeedTable default_drive_speeds();

struct TravelOptions {
    Mode mode = Mode::walk;
    /// Walking speed, km/h. 4.8 = 80 m per minute, the speed behind every "徒歩 N 分" in Japan
    /// (不動産の表示に関する公正競争規約).
    double walk_kmh = 4.8;
    /// Walking speed of elderly people, km/h: 3.0 = 50 m per minute, a conservative planning value.
    double elderly_walk_kmh = 3.0;
    /// Walk (and, when driving, walk the access legs) at elderly_walk_kmh.
    bool elderly = false;
    /// Car speeds by highway class, km/h; classes missing from it go at drive_default_kmh.
    SpeedTable drive_kmh = default_drive_speeds();
    double drive_default_kmh = 20;
    /// Use a way's tagged maxspeed (times maxspeed_factor) instead of its class speed.
    bool use_maxspeed = true;
    /// Tagged limits are scaled by this: traffic seldom moves at the limit between junctions and signals.
    double maxspeed_factor = 0.8;

    /// Speed of people on foot in this mode (walking, or the access legs of a drive), km/h.
    double foot_kmh() const { return elderly ? elderly_walk_kmh : walk_kmh; }
    /// Car speed on a way, km/h: its explicit speed, else maxspeed x factor, else its class speed.
    double drive_speed_kmh(const WayAttributes& way) const;
    /// "walk (4.8 km/h)", "walk, elderly (3.0 km/h)", "drive".
    std::string describe() const;
    /// The car speeds, for provenance: "motorway 80, ... km/h by class; other classes 20 km/h; a
    /// tagged maxspeed x 0.8 first" (or "tagged maxspeed ignored").
    std::string describe_speeds() const;
};

}  // namespace keniki::network
