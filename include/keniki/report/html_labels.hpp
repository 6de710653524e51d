#pragma once
// Japanese and English words for the HTML reports. Page text is written as pairs at the place it is
// used (`t("人口", "Population")`), so that neither language can go missing; the domain words that
// come from data (facility kinds, transport classes, indicators) are looked up here.

#include <string>
#include <string_view>
#include <vector>

namespace keniki::report::html {

enum class Lang { ja, en };

/// "ja" or "en"; throws UsageError naming the value otherwise.
Lang parse_lang(std::string_view code);
std::string_view lang_code(Lang lang);

/// Picks the text of the page's language.
class Labels {
public:
    explicit Labels(Lang lang) : m_lang(lang) {}
    Lang lang() const { return m_lang; }
    std::string operator()(std::string_view ja, std::string_view en) const { return std::string(m_lang == Lang::ja ? ja : en); }

    /// A facility kind as planners say it ("welfare_center" → 地域福祉センター); unknown kinds as given.
    std::string facility_kind(std::string_view kind) const;
    /// A transport class from its Japanese key (便利, 不便, 空白).
    std::string transport_class(std::string_view key_ja) const;
    /// A stop kind ("station", "bus_stop").
    std::string stop_kind(std::string_view kind) const;
    /// An input role from summary.json ("boundary", "facilities:hubs", "units:welfare").
    std::string input_role(std::string_view role) const;
    /// A phrase the engine writes in English into summary.json ("straight-line distance", "points"),
    /// in the page's language when it is a known one, else as it is.
    std::string phrase(std::string_view english) const;
    /// The unit of a reach cost ("m", "min").
    std::string cost_unit(std::string_view unit) const;

private:
    Lang m_lang;
};

/// The transport classes in the order of summary.json: 便利, 不便, 空白.
const std::vector<std::string>& transport_class_keys();

}  // namespace keniki::report::html
