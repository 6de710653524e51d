#pragma once
// An independent RFC 7946 check of a GeoJSON file: WGS84 lon/lat ranges, exterior rings
// counter-clockwise and holes clockwise (§3.1.6), at most 7 decimals, no "crs" member.

#include <string>
#include <vector>

namespace keniki::test {

/// Problems found in the file, in words; empty when it conforms.
std::vector<std::string> rfc7946_problems(const std::string& path, int max_decimals = 7);

}  // namespace keniki::test
