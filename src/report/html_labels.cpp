#include "keniki/report/html_labels.hpp"

#include <array>

#include "keniki/core/error.hpp"

namespace keniki::report::html {

namespace {

struct Term {
    std::string_view key, ja, en;
};

// Facility kinds seen in plans and in the national recommended datasets (推奨データセット POI codes).
constexpr std::array k_kinds{
    Term{"consultation_center", "自立支援相談機関", "Consultation centre"},
    Term{"welfare_center", "地域福祉センター", "Welfare centre"},
    Term{"community_hall", "公民館", "Community hall"},
    Term{"salon", "ふれあいサロン", "Community salon"},
    Term{"community_center", "交流センター", "Community centre"},
    Term{"city_hall", "市役所", "City hall"},
    Term{"school", "学校", "School"},
    Term{"clinic", "診療所", "Clinic"},
    Term{"hospital", "病院", "Hospital"},
    Term{"nursing_home", "介護施設", "Care home"},
    Term{"1302", "市役所・役場 (1302)", "City hall (1302)"},
    Term{"1303", "支所・出張所 (1303)", "Branch office (1303)"},
    Term{"1304", "交流センター (1304)", "Community centre (1304)"},
    Term{"1307", "中央公民館 (1307)", "Central community hall (1307)"},
    Term{"1499", "福祉総合センター (1499)", "Welfare centre (1499)"},
};

constexpr std::array k_classes{
    Term{"便利", "便利", "Convenient"},
    Term{"不便", "不便", "Inconvenient"},
    Term{"空白", "空白", "No service"},
};

constexpr std::array k_stop_kinds{
    Term{"station", "駅", "Station"},
    Term{"bus_stop", "バス停", "Bus stop"},
};

constexpr std::array k_roles{
    Term{"boundary", "市域界", "Study boundary"},
    Term{"residents", "住民", "Residents"},
    Term{"census table", "国勢調査表", "Census table"},
    Term{"facilities", "施設", "Facilities"},
    Term{"units", "圏域", "Units"},
    Term{"stops", "停留所", "Stops"},
    Term{"gtfs", "GTFS", "GTFS"},
};

constexpr std::array k_phrases{
    Term{"straight-line distance", "直線距離", "straight-line distance"},
    Term{"points", "地点 (1件ずつ)", "points"},
    Term{"polygon interior points", "区域内の代表点", "polygon interior points"},
    Term{"area-weighted polygons", "面積按分", "area-weighted polygons"},
};

template <std::size_t N>
const Term* find(const std::array<Term, N>& terms, std::string_view key) {
    for (const auto& t : terms) {
        if (t.key == key) return &t;
    }
    return nullptr;
}

}  // namespace

Lang parse_lang(std::string_view code) {
    if (code == "ja" || code == "jp" || code.empty()) return Lang::ja;
    if (code == "en") return Lang::en;
    throw UsageError("unknown report language '" + std::string(code) + "': use ja or en");
}

std::string_view lang_code(Lang lang) { return lang == Lang::ja ? "ja" : "en"; }

std::string Labels::facility_kind(std::string_view kind) const {
    if (const Term* t = find(k_kinds, kind)) return std::string(m_lang == Lang::ja ? t->ja : t->en);
    return std::string(kind.empty() ? (m_lang == Lang::ja ? "(種別なし)" : "(no kind)") : kind);
}

std::string Labels::transport_class(std::string_view key_ja) const {
    if (const Term* t = find(k_classes, key_ja)) return std::string(m_lang == Lang::ja ? t->ja : t->en);
    return std::string(key_ja);
}

std::string Labels::stop_kind(std::string_view kind) const {
    if (const Term* t = find(k_stop_kinds, kind)) return std::string(m_lang == Lang::ja ? t->ja : t->en);
    return std::string(kind);
}

std::string Labels::input_role(std::string_view role) const {
    const auto colon = role.find(':');
    const std::string_view head = role.substr(0, colon);
    const Term* t = find(k_roles, head);
    std::string out = t ? std::string(m_lang == Lang::ja ? t->ja : t->en) : std::string(head);
    if (colon != std::string_view::npos) out += " (" + std::string(role.substr(colon + 1)) + ")";
    return out;
}

std::string Labels::phrase(std::string_view english) const {
    if (const Term* t = find(k_phrases, english)) return std::string(m_lang == Lang::ja ? t->ja : t->en);
    return std::string(english);
}

std::string Labels::cost_unit(std::string_view unit) const {
    if (unit == "min") return m_lang == Lang::ja ? "分" : "min";
    return std::string(unit);
}

const std::vector<std::string>& transport_class_keys() {
    static const std::vector<std::string> keys{"便利", "不便", "空白"};
    return keys;
}

}  // namespace keniki::report::html
