#pragma once
// Great-circle distance on the mean Earth sphere (IUGG mean radius R1 = 6 371 008.8 m), for choices
// that need no better than ~0.5 %: which zone office is nearest, which same-named stops are one stop.
// Measurements are made in the projected working CRS, not with this.

namespace keniki {

inline constexpr double k_earth_mean_radius_m = 6371008.8;

/// Metres between two WGS84/JGD2011 longitude/latitude points (haversine).
double great_circle_m(double lon1, double lat1, double lon2, double lat2);

}  // namespace keniki
