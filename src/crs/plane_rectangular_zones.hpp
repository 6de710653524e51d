#pragma once
// Private to crs/: Japan's prefectures and the JGD2011 plane-rectangular zones of
// 平成14年国土交通省告示第9号 (https://www.gsi.go.jp/LAW/heimencho.html).

#include <optional>
#include <span>
#include <string>

namespace keniki::crs::detail {

struct Prefecture {
    int code;              ///< JIS X 0401, 1..47
    const char* name_ja;   ///< "山口県"
    const char* name_en;   ///< "Yamaguchi"
    double office_lon;     ///< prefectural office (都道府県庁), degrees
    double office_lat;
    int zone;              ///< the zone of the whole prefecture; 0 where the 告示 splits it
};

/// The 47 prefectures, in JIS order.
std::span<const Prefecture> prefectures();
const Prefecture* find_prefecture(int code);

struct ZoneChoice {
    int zone = 0;      ///< 1..19
    std::string note;  ///< how a split prefecture's zone was decided; empty when the whole prefecture has one
};

/// The zone of a place in prefecture `prefecture_code` whose study area is centred on (lon, lat).
/// The municipality code, when known, settles Hokkaido's zones exactly (the 告示 lists
/// municipalities and subprefectures); without it they are approximated from the centre.
ZoneChoice plane_rectangular_zone(int prefecture_code, std::optional<int> municipality_code, double lon, double lat);

/// The prefecture a point lies in or near, when only its location is known.
struct LocatedPrefecture {
    const Prefecture* prefecture = nullptr;  ///< null outside Japan
    std::string how;                         ///< "is in the Izu islands (伊豆諸島)", for the reason string
    double office_km = 0;                    ///< distance to the prefectural office, when that decided
    bool by_office = false;
};
LocatedPrefecture locate_prefecture(double lon, double lat);

std::string roman(int zone);

}  // namespace keniki::crs::detail
