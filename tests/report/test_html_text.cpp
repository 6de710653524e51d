// The small pieces of the HTML reports, checked by hand: escaping, numbers as a planner reads them,
// file names for ids, and the SVG map's projection, clipping and scale bar.

#include <cmath>
#include <limits>
#include <numbers>
#include <regex>
#include <set>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/report/html_escape.hpp"
#include "keniki/report/html_labels.hpp"
#include "keniki/report/html_svg_map.hpp"

namespace keniki::report::html {
namespace {

TEST(HtmlText, EscapesTheFiveCharacters) {
    EXPECT_EQ(escape("西 <West & \"old\" town's>"), "西 &lt;West &amp; &quot;old&quot; town&#39;s&gt;");
    EXPECT_EQ(escape("東地区社会福祉協議会活動圏域"), "東地区社会福祉協議会活動圏域");
    EXPECT_EQ(escape(""), "");
}

// A value in a script is JSON with the characters that could end the script or its string early
// escaped: the browser (and any JSON parser) reads back exactly the same text.
TEST(HtmlText, ScriptJsonCannotEndTheScriptAndReadsBackTheSame) {
    using keniki::report::html::script_json;
    const std::string name = "x\nalert(document.domain)\n//</script><script>alert(1)</script><!-- & \xE2\x80\xA8 \xE2\x80\xA9 \"q\" 西 🏥";
    const std::string js = script_json(name);
    EXPECT_EQ(js.find('\n'), std::string::npos) << js;
    EXPECT_EQ(js.find('<'), std::string::npos) << js;
    EXPECT_EQ(js.find('>'), std::string::npos) << js;
    EXPECT_EQ(js.find('&'), std::string::npos) << js;
    EXPECT_EQ(js.find("\xE2\x80\xA8"), std::string::npos) << js;
    EXPECT_EQ(js.find("\xE2\x80\xA9"), std::string::npos) << js;
    EXPECT_NE(js.find("\\u003c/script\\u003e"), std::string::npos) << js;
    EXPECT_EQ(nlohmann::json::parse(js).get<std::string>(), name);
    // Already serialised GeoJSON: the same escapes, the same document after parsing.
    const nlohmann::json doc = {{"type", "Feature"}, {"properties", {{"name", name}, {"n", 3}}}, {"geometry", nullptr}};
    const std::string safe = keniki::report::html::script_safe(doc.dump());
    EXPECT_EQ(safe.find("</"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(safe), doc);
}

TEST(HtmlText, NumbersHaveThousandsSeparatorsAndNeverNaN) {
    EXPECT_EQ(format_number(0.0), "0");
    EXPECT_EQ(format_number(999.0), "999");
    EXPECT_EQ(format_number(1000.0), "1,000");
    EXPECT_EQ(format_number(12262.0), "12,262");
    EXPECT_EQ(format_number(1234567.26, 1), "1,234,567.3");
    EXPECT_EQ(format_number(-1234.5, 2), "-1,234.50");
    EXPECT_EQ(format_number(166.16940359662777, 2), "166.17");
    EXPECT_EQ(format_number(-0.2), "0");  // never "-0"
    EXPECT_EQ(format_number(std::nullopt), "—");
    EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "—");
    EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "—");
    EXPECT_EQ(format_percent(0.42036), "42.0%");
    EXPECT_EQ(format_percent(1.0), "100.0%");
    EXPECT_EQ(format_percent(std::nullopt), "—");
    EXPECT_EQ(share_of(5.0, 0.0), std::nullopt);
    EXPECT_EQ(share_of(std::nullopt, 10.0), std::nullopt);
    EXPECT_DOUBLE_EQ(*share_of(5.0, 10.0), 0.5);
}

TEST(HtmlText, NumbersFromSummaryPointers) {
    const auto doc = nlohmann::ordered_json::parse(R"({"a": {"b": 3.5, "n": null, "s": "x", "by": {"W/1": 7}}})");
    EXPECT_EQ(number_at(doc, "/a/b"), 3.5);
    EXPECT_EQ(number_at(doc, "/a/n"), std::nullopt);
    EXPECT_EQ(number_at(doc, "/a/s"), std::nullopt);
    EXPECT_EQ(number_at(doc, "/a/missing"), std::nullopt);
    EXPECT_EQ(number_at(doc, "/a/by/W~11"), 7.0);
    EXPECT_EQ(number_at(doc, "not a pointer"), std::nullopt);
}

TEST(HtmlText, FileNamesForIds) {
    EXPECT_EQ(file_name_for("W1"), "W1");
    EXPECT_EQ(file_name_for("40205086012"), "40205086012");
    EXPECT_EQ(file_name_for("a/b c"), "a~2fb~20c");
    EXPECT_EQ(file_name_for("西"), "~e8~a5~bf");
    EXPECT_EQ(file_name_for(""), "unit");
    // Long ids stay under file-name limits and apart.
    std::string long_a(60, 'x'), long_b(60, 'x');
    long_a += "東地区社会福祉協議会活動圏域A";
    long_b += "東地区社会福祉協議会活動圏域B";
    EXPECT_LE(file_name_for(long_a).size(), 100u);
    EXPECT_NE(file_name_for(long_a), file_name_for(long_b));
    EXPECT_TRUE(std::regex_match(file_name_for(long_a), std::regex("[A-Za-z0-9_~-]+")));
}

TEST(HtmlText, Languages) {
    EXPECT_EQ(parse_lang("ja"), Lang::ja);
    EXPECT_EQ(parse_lang("en"), Lang::en);
    EXPECT_THROW(parse_lang("fr"), UsageError);
    const Labels ja(Lang::ja), en(Lang::en);
    EXPECT_EQ(ja("人口", "Population"), "人口");
    EXPECT_EQ(en("人口", "Population"), "Population");
    EXPECT_EQ(ja.facility_kind("welfare_center"), "地域福祉センター");
    EXPECT_EQ(en.facility_kind("welfare_center"), "Welfare centre");
    EXPECT_EQ(ja.facility_kind("1133"), "1133");
    EXPECT_EQ(en.transport_class("空白"), "No service");
    EXPECT_EQ(ja.phrase("straight-line distance"), "直線距離");
    EXPECT_EQ(ja.phrase("something new"), "something new");
    EXPECT_EQ(ja.input_role("units:welfare"), "圏域 (welfare)");
}

// -- the SVG map --------------------------------------------------------------------------------

Polygon square(double x0, double y0, double x1, double y1) {
    Polygon p;
    p.outer() = {Point(x0, y0), Point(x1, y0), Point(x1, y1), Point(x0, y1), Point(x0, y0)};
    return p;
}

std::vector<double> path_numbers(const std::string& svg) {
    std::vector<double> out;
    std::smatch m;
    if (!std::regex_search(svg, m, std::regex(R"re(<path d="([^"]*)")re"))) return out;
    const std::string d = m[1];
    static const std::regex number(R"(-?[0-9]+(\.[0-9]+)?)");
    for (auto it = std::sregex_iterator(d.begin(), d.end(), number); it != std::sregex_iterator(); ++it) out.push_back(std::stod(it->str()));
    return out;
}

TEST(SvgMap, NorthIsUpAndScaleIsTheSameBothWays) {
    // A 1000 m × 500 m box on a 1000 × 500 px map with no margin: 1 px per metre.
    SvgMap map(Box(Point(0, 0), Point(1000, 500)), 1000, 500, "t", 0.0);
    EXPECT_DOUBLE_EQ(map.metres_per_pixel(), 1.0);
    EXPECT_DOUBLE_EQ(map.px(0), 0);
    EXPECT_DOUBLE_EQ(map.py(500), 0);   // north edge at the top
    EXPECT_DOUBLE_EQ(map.py(0), 500);   // south edge at the bottom
    // A tall box on a wide map is widened, not stretched.
    SvgMap tall(Box(Point(0, 0), Point(100, 1000)), 1000, 500, "t", 0.0);
    EXPECT_NEAR(tall.metres_per_pixel(), 2.0, 1e-12);
    EXPECT_NEAR(tall.view().max_corner().x() - tall.view().min_corner().x(), 2000, 1e-9);
}

TEST(SvgMap, PolygonsOutsideTheViewAreLeftOutAndCrossingOnesAreCut) {
    SvgMap map(Box(Point(0, 0), Point(1000, 1000)), 500, 500, "t", 0.0);
    EXPECT_FALSE(map.polygon(Geometry{square(5000, 5000, 6000, 6000)}, "class=\"x\""));
    SvgMap cut(Box(Point(0, 0), Point(1000, 1000)), 500, 500, "t", 0.0);
    EXPECT_TRUE(cut.polygon(Geometry{square(-1e6, -1e6, 500, 1e6)}, "class=\"x\""));
    const auto numbers = path_numbers(cut.finish(""));
    ASSERT_FALSE(numbers.empty());
    for (const double v : numbers) {
        // Cut to the view plus 5 %: no coordinate runs off to thousands of pixels.
        EXPECT_GE(v, -0.05 * 500 - 1);
        EXPECT_LE(v, 500 * 1.05 + 1);
    }
}

TEST(SvgMap, DenseVerticesAreThinnedToThePixelGrid) {
    // A circle of 10,000 vertices, 100 px across: far fewer vertices come out.
    Polygon circle;
    for (int i = 0; i <= 10000; ++i) {
        const double a = 2 * std::numbers::pi * i / 10000;
        circle.outer().push_back(Point(500 + 100 * std::cos(a), 500 + 100 * std::sin(a)));
    }
    SvgMap map(Box(Point(0, 0), Point(1000, 1000)), 500, 500, "t", 0.0);
    ASSERT_TRUE(map.polygon(Geometry{circle}, ""));
    const auto numbers = path_numbers(map.finish(""));
    EXPECT_LT(numbers.size(), 2u * 600);
    EXPECT_GT(numbers.size(), 2u * 50);
}

TEST(SvgMap, ScaleBarHasARoundLength) {
    SvgMap map(Box(Point(0, 0), Point(7300, 5000)), 1000, 700, "t", 0.0);
    map.scale_bar_and_north_arrow();
    const std::string svg = map.finish("");
    // A fifth of 7.3 km is 1.46 km: the bar shows 1 km.
    EXPECT_NE(svg.find(">1 km</text>"), std::string::npos) << svg;
    EXPECT_NE(svg.find(">N</text>"), std::string::npos);
    SvgMap small(Box(Point(0, 0), Point(900, 600)), 1000, 700, "t", 0.0);
    small.scale_bar_and_north_arrow();
    EXPECT_NE(small.finish("").find(">100 m</text>"), std::string::npos);
}

TEST(SvgMap, LabelsAreEscapedAndKeptInside) {
    SvgMap map(Box(Point(0, 0), Point(1000, 1000)), 500, 500, "t", 0.0);
    map.label_inside(Point(999, 500), "東地区社会福祉協議会活動圏域 <&>", 15, "");
    const std::string svg = map.finish("");
    EXPECT_NE(svg.find("&lt;&amp;&gt;"), std::string::npos);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(svg, m, std::regex(R"re(<text x="([0-9.]+)")re")));
    const double x = std::stod(m[1]);
    EXPECT_LT(x + 14 * 15 / 2.0, 500);  // the text's right end is on the map
}

}  // namespace
}  // namespace keniki::report::html
