#include "keniki/crs/study_area_hint.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include <boost/geometry/algorithms/for_each.hpp>

#include "keniki/core/error.hpp"
#include "keniki/crs/transform.hpp"

namespace keniki::crs {

namespace {

struct CodeField {
    const char* name;
    int digits_kept;  ///< 2 = prefecture, 5 = municipality (leading digits of the value)
    int min_length;   ///< values shorter than this are not codes of this kind
};

// In order of preference. KEY_CODE (e-Stat small areas) starts with the 5-digit municipality code,
// 全国地方公共団体コード is the 6-digit code with a check digit, N03_007 the 5-digit one.
constexpr CodeField k_code_fields[] = {
    {"N03_007", 5, 5}, {"KEY_CODE", 5, 5}, {"全国地方公共団体コード", 5, 6}, {"都道府県コード又は市区町村コード", 5, 6},
    {"CITY_CODE", 5, 5}, {"PREF", 2, 1},   {"pref_cd", 2, 1},              {"PREF_CODE", 2, 1}};

}  // namespace

CodeHint code_hint(const Layer& layer) {
    CodeHint hint;
    for (const auto& cf : k_code_fields) {
        const auto idx = layer.field_index(cf.name);
        if (!idx) continue;
        std::map<int, std::size_t> votes;
        std::size_t with_code = 0;
        for (const auto& f : layer.features) {
            std::string text = as_text(f.values[*idx]);
            if (static_cast<int>(text.size()) < cf.min_length || text.size() > 13) continue;
            if (cf.digits_kept == 2 && text.size() == 1) text = "0" + text;
            const std::string head = text.substr(0, static_cast<std::size_t>(cf.digits_kept));
            if (head.find_first_not_of("0123456789") != std::string::npos) continue;
            ++votes[std::stoi(head)];
            ++with_code;
        }
        if (votes.empty()) continue;
        const auto best = std::max_element(votes.begin(), votes.end(), [](auto& a, auto& b) { return a.second < b.second; });
        if (best->second * 2 <= with_code) continue;
        hint.field = cf.name;
        if (cf.digits_kept == 5) {
            hint.municipality_code = best->first;
            hint.prefecture_code = best->first / 1000;
        } else {
            hint.prefecture_code = best->first;
        }
        if (*hint.prefecture_code < 1 || *hint.prefecture_code > 47) return CodeHint{};
        return hint;
    }
    return hint;
}

std::optional<Box> lonlat_extent(const Layer& layer) {
    double min_x = std::numeric_limits<double>::infinity(), min_y = min_x;
    double max_x = -min_x, max_y = -min_x;
    for (const auto& f : layer.features) {
        std::visit(
            [&](auto&& g) {
                using T = std::decay_t<decltype(g)>;
                if constexpr (!std::is_same_v<T, Empty>) {
                    boost::geometry::for_each_point(g, [&](const Point& p) {
                        min_x = std::min(min_x, p.x());
                        min_y = std::min(min_y, p.y());
                        max_x = std::max(max_x, p.x());
                        max_y = std::max(max_y, p.y());
                    });
                }
            },
            f.geometry);
    }
    if (min_x > max_x) return std::nullopt;
    return Box{Point{min_x, min_y}, Point{max_x, max_y}};
}

std::optional<Box> lonlat_extent_of(const Layer& layer) {
    if (layer.crs == "EPSG:4326" || layer.crs == "EPSG:6668" || layer.crs == "OGC:CRS84") return lonlat_extent(layer);
    const Transformer to_lonlat(layer.crs, "EPSG:4326");
    Layer lonlat;
    lonlat.features.reserve(layer.features.size());
    for (const auto& f : layer.features) {
        Feature g;
        g.geometry = f.geometry;
        transform(g.geometry, to_lonlat);
        lonlat.features.push_back(std::move(g));
    }
    return lonlat_extent(lonlat);
}

WorkingCrs working_crs_for(const Layer& layer) {
    const auto box = lonlat_extent_of(layer);
    if (!box) throw DataError("the layer has no coordinates to choose a working CRS from", Where{{}, layer.name});
    const CodeHint hint = code_hint(layer);
    WorkingCrs chosen = choose_working_crs(
        {box->min_corner().x(), box->min_corner().y(), box->max_corner().x(), box->max_corner().y(), hint.prefecture_code, hint.municipality_code});
    if (!hint.field.empty()) chosen.reason += " (code from field " + hint.field + ")";
    return chosen;
}

}  // namespace keniki::crs
