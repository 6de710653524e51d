#pragma once
// Choosing the metric working CRS of a study area: the JGD2011 plane-rectangular zone
// (EPSG:6669-6687) of its prefecture in Japan, the UTM zone of its centre elsewhere.

#include <optional>
#include <string>

namespace keniki::crs {

/// What is known of the study area: its lon/lat extent, and where the data carries one, a
/// prefecture (JIS X 0401, 1-47) or municipality (JIS X 0402, 5 digits, e.g. 40205) code.
struct StudyArea {
    double lon_min = 0, lat_min = 0, lon_max = 0, lat_max = 0;
    std::optional<int> prefecture_code;
    std::optional<int> municipality_code;
};

struct WorkingCrs {
    int epsg = 0;            ///< e.g. 6671
    std::string name;        ///< e.g. "JGD2011 / Japan Plane Rectangular CS III"
    std::string reason;      ///< why this one, in a sentence a user can check ("prefecture 35 Yamaguchi -> zone III")
    std::string definition() const { return "EPSG:" + std::to_string(epsg); }
};

/// The working CRS keniki chooses by default (`auto`). Throws keniki::DataError when the extent is
/// not a valid lon/lat extent.
WorkingCrs choose_working_crs(const StudyArea& area);

/// Prefecture name in Japanese and romaji for a JIS X 0401 code (1..47); empty when unknown.
std::string prefecture_name(int prefecture_code);

}  // namespace keniki::crs
