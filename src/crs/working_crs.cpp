#include "keniki/crs/working_crs.hpp"

#include <cmath>
#include <sstream>
#include <string>

#include <proj.h>

#include "crs/plane_rectangular_zones.hpp"
#include "crs/proj_handles.hpp"
#include "keniki/core/error.hpp"

namespace keniki::crs {

namespace {

constexpr int k_jgd2011_zone_base = 6668;  // JGD2011 geographic; zone n is EPSG:6668 + n

std::string format_degrees(double value) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(4);
    out << value;
    return out.str();
}

std::string extent_text(const StudyArea& a) {
    std::ostringstream out;
    out.precision(10);
    out << "lon " << a.lon_min << ".." << a.lon_max << ", lat " << a.lat_min << ".." << a.lat_max;
    return out.str();
}

void validate_extent(const StudyArea& a) {
    const char* problem = nullptr;
    if (!std::isfinite(a.lon_min) || !std::isfinite(a.lon_max) || !std::isfinite(a.lat_min) || !std::isfinite(a.lat_max))
        problem = "a bound is not a finite number";
    else if (a.lon_min < -180 || a.lon_max > 180)
        problem = "longitude outside -180..180";
    else if (a.lat_min < -90 || a.lat_max > 90)
        problem = "latitude outside -90..90";
    else if (a.lon_min > a.lon_max || a.lat_min > a.lat_max)
        problem = "minimum greater than maximum";
    if (problem)
        throw DataError("the study area extent (" + extent_text(a) + ") is not a longitude/latitude extent: " + problem +
                        " (is the data in a projected CRS, or are longitude and latitude swapped?)");
}

/// The prefecture the codes give, or 0 when they give none. Throws DataError on unknown or disagreeing codes.
int prefecture_from_codes(const StudyArea& a) {
    int from_municipality = 0;
    if (a.municipality_code) {
        const int code = *a.municipality_code;
        from_municipality = code / 1000;
        if (code < 1000 || code > 99999 || !detail::find_prefecture(from_municipality))
            throw DataError("municipality code " + std::to_string(code) +
                            " is not a JIS X 0402 code (5 digits, the first two a prefecture 01-47)");
    }
    if (a.prefecture_code) {
        const int code = *a.prefecture_code;
        if (!detail::find_prefecture(code))
            throw DataError("prefecture code " + std::to_string(code) + " is not a JIS X 0401 code (1-47)");
        if (from_municipality != 0 && from_municipality != code)
            throw DataError("prefecture code " + std::to_string(code) + " and municipality code " +
                            std::to_string(*a.municipality_code) + " disagree");
        return code;
    }
    return from_municipality;
}

std::string epsg_name(int epsg) {
    detail::ProjContext ctx;
    const detail::PjPtr crs = detail::create_crs(ctx, "EPSG:" + std::to_string(epsg));
    const char* name = proj_get_name(crs.get());
    return name ? name : "";
}

/// UTM zone of a point with the Norway and Svalbard exceptions; UPS beyond 84°N and 80°S.
int utm_epsg(double lon, double lat, std::string& label) {
    if (lat > 84.0) {
        label = "UPS North";
        return 32661;
    }
    if (lat < -80.0) {
        label = "UPS South";
        return 32761;
    }
    int zone = static_cast<int>(std::floor((lon + 180.0) / 6.0)) + 1;
    if (zone > 60) zone = 60;  // lon == 180
    if (lat >= 56.0 && lat < 64.0 && lon >= 3.0 && lon < 12.0) zone = 32;  // south-west Norway
    if (lat >= 72.0 && lat < 84.0 && lon >= 0.0 && lon < 42.0) {          // Svalbard
        if (lon < 9.0) zone = 31;
        else if (lon < 21.0) zone = 33;
        else if (lon < 33.0) zone = 35;
        else zone = 37;
    }
    const bool north = lat >= 0.0;
    label = "UTM zone " + std::to_string(zone) + (north ? "N" : "S");
    return (north ? 32600 : 32700) + zone;
}

std::string prefecture_label(const detail::Prefecture& p) {
    return std::to_string(p.code) + " " + p.name_ja + " " + p.name_en;
}

}  // namespace

std::string prefecture_name(int prefecture_code) {
    const detail::Prefecture* p = detail::find_prefecture(prefecture_code);
    if (!p) return "";
    return std::string(p->name_ja) + " " + p->name_en;
}

WorkingCrs choose_working_crs(const StudyArea& area) {
    validate_extent(area);
    const double lon = (area.lon_min + area.lon_max) / 2, lat = (area.lat_min + area.lat_max) / 2;
    const std::string centre = "(" + format_degrees(lon) + ", " + format_degrees(lat) + ")";

    WorkingCrs out;
    std::string why;
    const detail::Prefecture* pref = nullptr;
    if (const int code = prefecture_from_codes(area); code != 0) {
        pref = detail::find_prefecture(code);
        why = "prefecture " + prefecture_label(*pref) +
              (area.municipality_code ? " (from municipality code " + std::to_string(*area.municipality_code) + ")"
                                      : std::string(" (from prefecture code)"));
    } else if (const detail::LocatedPrefecture located = detail::locate_prefecture(lon, lat); located.prefecture) {
        pref = located.prefecture;
        if (located.by_office) {
            why = "nearest prefectural office to the centre " + centre + ": prefecture " + prefecture_label(*pref) + ", " +
                  std::to_string(static_cast<long>(std::lround(located.office_km))) + " km away";
        } else {
            why = "centre " + centre + " " + located.how + ": prefecture " + prefecture_label(*pref);
        }
    }

    if (pref) {
        const detail::ZoneChoice zone = detail::plane_rectangular_zone(pref->code, area.municipality_code, lon, lat);
        out.epsg = k_jgd2011_zone_base + zone.zone;
        out.name = epsg_name(out.epsg);
        out.reason = why + " → JGD2011 zone " + detail::roman(zone.zone) + " (EPSG:" + std::to_string(out.epsg) + ")";
        if (!zone.note.empty()) out.reason += "; " + zone.note;
        if (!area.municipality_code && !area.prefecture_code)
            out.reason += " (override with --crs if the study area is near a prefecture border)";
        return out;
    }

    std::string label;
    out.epsg = utm_epsg(lon, lat, label);
    out.name = epsg_name(out.epsg);
    out.reason = "outside Japan: " + label + " of the centre " + centre + " → " + out.name + " (EPSG:" +
                 std::to_string(out.epsg) + ")";
    return out;
}

}  // namespace keniki::crs
