// The HTML reports (地域カルテ, index, map viewer), end to end: keniki runs a plan, the reports are
// written from its output directory, and then checked as text (every figure against summary.json,
// escaping, links) and as a person sees them in headless Chromium (no console error, the map is on
// the screenshot, the page prints on one or two A4 sheets).

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "browser.hpp"
#include "keniki/core/error.hpp"
#include "keniki/report/html_escape.hpp"
#include "keniki/report/html_report.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

std::string unescape_html(std::string s) {
    const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) {
        for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + std::strlen(to))) s.replace(pos, std::strlen(from), to);
    }
    return s;
}

std::optional<double> at(const json& doc, const std::string& pointer) {
    const json::json_pointer p(pointer);
    if (!doc.contains(p) || !doc.at(p).is_number()) return std::nullopt;
    return doc.at(p).get<double>();
}

/// Checks a figure shown on a page against the value it claims to show: "—" for a missing value,
/// else the number as printed (separators and % removed) within the rounding of its decimals.
void expect_shown(const std::string& page, const std::string& what, const std::string& text, std::optional<double> value, bool percent) {
    if (!value) {
        EXPECT_EQ(text, "—") << page << ": " << what;
        return;
    }
    std::string digits;
    for (const char c : text) {
        if (c != ',' && c != '%') digits += c;
    }
    char* end = nullptr;
    const double shown = std::strtod(digits.c_str(), &end);
    ASSERT_TRUE(end && *end == '\0' && !digits.empty()) << page << ": " << what << " shows '" << text << "'";
    const auto dot = digits.find('.');
    const int decimals = dot == std::string::npos ? 0 : static_cast<int>(digits.size() - dot - 1);
    const double want = percent ? *value * 100 : *value;
    EXPECT_NEAR(shown, want, 0.5 * std::pow(10.0, -decimals) + 1e-9 * std::abs(want)) << page << ": " << what << " shows '" << text << "'";
    if (percent) {
        EXPECT_EQ(text.back(), '%') << page << ": " << what;
    } else {
        // Thousands separators where the number has four or more integer digits.
        if (std::abs(shown) >= 1000) {
            EXPECT_NE(text.find(','), std::string::npos) << page << ": " << what << " shows '" << text << "'";
        }
    }
}

/// Every figure on a page tagged with where it comes from in summary.json; returns how many.
std::size_t check_figures(const fs::path& page, const json& summary) {
    const std::string html = slurp(page);
    const std::string name = page.filename().string();
    std::size_t n = 0;
    static const std::regex key(R"re(<span class="fig" data-key="([^"]*)">([^<]*)</span>)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), key); it != std::sregex_iterator(); ++it, ++n) {
        const std::string pointer = unescape_html((*it)[1]);
        expect_shown(name, pointer, (*it)[2], at(summary, pointer), false);
    }
    static const std::regex ratio(R"re(<span class="fig" data-num="([^"]*)" data-den="([^"]*)">([^<]*)</span>)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), ratio); it != std::sregex_iterator(); ++it, ++n) {
        const auto num = at(summary, unescape_html((*it)[1])), den = at(summary, unescape_html((*it)[2]));
        std::optional<double> v;
        if (num && den && *den > 0) v = *num / *den;
        expect_shown(name, std::string((*it)[1]) + " / " + std::string((*it)[2]), (*it)[3], v, true);
    }
    static const std::regex diff(R"re(<span class="fig" data-diff="([^" ]*) ([^"]*)">([^<]*)</span>)re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), diff); it != std::sregex_iterator(); ++it, ++n) {
        const auto a = at(summary, unescape_html((*it)[1])), b = at(summary, unescape_html((*it)[2]));
        std::optional<double> v;
        if (a && b) v = *a - *b;
        expect_shown(name, std::string((*it)[1]) + " - " + std::string((*it)[2]), (*it)[3], v, false);
    }
    // No figure escapes the tagging with a NaN or an infinity.
    std::string text = html;
    for (auto open = text.find("<script"); open != std::string::npos; open = text.find("<script", open)) {
        const auto close = text.find("</script>", open);
        text.erase(open, close == std::string::npos ? std::string::npos : close + 9 - open);
    }
    EXPECT_EQ(text.find("NaN"), std::string::npos) << name;
    EXPECT_EQ(text.find(">inf"), std::string::npos) << name;
    EXPECT_EQ(text.find("nan<"), std::string::npos) << name;
    return n;
}

/// Every relative href/src of a page points at a file that exists.
void check_links(const fs::path& page) {
    const std::string html = slurp(page);
    static const std::regex link(R"re((?:href|src)="([^"#]*)(#[^"]*)?")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), link); it != std::sregex_iterator(); ++it) {
        const std::string target = unescape_html((*it)[1]);
        if (target.empty() || target.rfind("http", 0) == 0 || target.rfind("data:", 0) == 0 || target.rfind("mailto:", 0) == 0) continue;
        EXPECT_TRUE(fs::exists(page.parent_path() / target)) << page << " links to " << target;
    }
}

std::vector<fs::path> pages_under(const fs::path& report) {
    std::vector<fs::path> pages;
    for (const auto& e : fs::recursive_directory_iterator(report)) {
        if (e.path().extension() == ".html") pages.push_back(e.path());
    }
    std::sort(pages.begin(), pages.end());
    return pages;
}

json read_summary(const fs::path& dir) { return json::parse(slurp(dir / "summary.json")); }

fs::path run_plan(const fs::path& plan, const std::string& stem) {
    const fs::path out = fresh_temp_dir(stem) / "out";
    const auto r = run_keniki("run " + shell_quote(plan.string()) + " --out " + shell_quote(out.string()) + " --quiet");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
}

// ---------------------------------------------------------------------------------------------
// The square town of tests/fixtures/run: a unit named 西 <West & "old" town> and one with a long
// Japanese name.

class HtmlSquareTown : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_out = run_plan(source_dir() / "tests/fixtures/run/plan.toml", "keniki-html");
        s_result = report::write_html_reports(s_out.string());
        s_report = s_out / "report";
    }
    static inline fs::path s_out, s_report;
    static inline report::HtmlResult s_result;
};

TEST_F(HtmlSquareTown, WritesEveryPage) {
    EXPECT_EQ(s_result.unit_pages, 3u);
    EXPECT_TRUE(s_result.warnings.empty()) << s_result.warnings.front();
    for (const char* f : {"index.html", "map.html", "map_data.js", "lib/leaflet/leaflet.js", "lib/leaflet/leaflet.css", "units/city/city.html",
                          "units/area/w.html", "units/area/e.html"})
        EXPECT_TRUE(fs::exists(s_report / f)) << f;
    // The files listed are the files there.
    for (const auto& f : s_result.files) EXPECT_TRUE(fs::exists(s_report / f)) << f;
    EXPECT_FALSE(fs::exists(s_out / ("report.tmp-" + std::to_string(getpid()))));
}

TEST_F(HtmlSquareTown, NamesAreEscapedEverywhere) {
    const std::string west = slurp(s_report / "units/area/w.html");
    const std::string escaped = "西 &lt;West &amp; &quot;old&quot; town&gt;";
    EXPECT_NE(west.find("<h1 data-unit-name>" + escaped + "</h1>"), std::string::npos);
    EXPECT_NE(west.find("<title>地域カルテ: " + escaped), std::string::npos);
    EXPECT_EQ(west.find("<West"), std::string::npos);
    EXPECT_EQ(west.find("\"old\""), std::string::npos);
    const std::string east = slurp(s_report / "units/area/e.html");
    EXPECT_NE(east.find("<h1 data-unit-name>東地区社会福祉協議会活動圏域</h1>"), std::string::npos);
    const std::string index = slurp(s_report / "index.html");
    EXPECT_NE(index.find(">" + escaped + "</a>"), std::string::npos);
    EXPECT_EQ(index.find("<West"), std::string::npos);
    // The map data is JavaScript holding JSON: the name survives as a JSON string.
    const std::string data = slurp(s_report / "map_data.js");
    ASSERT_EQ(data.find("var data = "), data.find('\n') + 1);
    const auto start = data.find('{', data.find("var data = "));
    const auto end = data.rfind("};");
    const json parsed = json::parse(data.substr(start, end - start + 1));
    EXPECT_EQ(parsed["pages"]["area"]["w"], "units/area/w.html");
    bool found = false;
    for (const auto& l : parsed["layers"]) {
        if (l["name"] != "units_area") continue;
        for (const auto& f : l["geojson"]["features"]) found = found || f["properties"]["unit_name"] == "西 <West & \"old\" town>";
    }
    EXPECT_TRUE(found);
}

TEST_F(HtmlSquareTown, FiguresEqualTheSummary) {
    const json summary = read_summary(s_out);
    for (const auto& page : pages_under(s_report)) {
        const std::size_t n = check_figures(page, summary);
        if (page.filename() != "map.html") {
            EXPECT_GT(n, 10u) << page;
        }
    }
    // Spot checks by hand (tests/cli/test_cli_run.cpp works them out): the west unit's page.
    const std::string west = slurp(s_report / "units/area/w.html");
    const auto shown = [&](const std::string& pointer) {
        const std::regex r("data-key=\"" + pointer + "\">([^<]*)<");
        std::smatch m;
        return std::regex_search(west, m, r) ? std::string(m[1]) : std::string("(absent)");
    };
    const json& w = summary["tiers"][1]["units"][0];
    ASSERT_EQ(w["unit_id"], "w");
    EXPECT_EQ(shown("/tiers/1/units/0/people/pop_total"), report::html::format_number(w["people"]["pop_total"].get<double>()));
    EXPECT_EQ(shown("/tiers/1/units/0/beyond_reach/pop_65plus"), report::html::format_number(w["beyond_reach"]["pop_65plus"].get<double>()));
    // The west hub H0 stands in the unit and is listed with its catchment: 35 people, 15 of them within reach.
    EXPECT_EQ(shown("/tiers/1/hub_figures/0/nearest/pop_total"), "35");
    EXPECT_EQ(shown("/tiers/1/hub_figures/0/within_reach/pop_total"), "15");
}

TEST_F(HtmlSquareTown, LinksResolve) {
    for (const auto& page : pages_under(s_report)) check_links(page);
}

TEST_F(HtmlSquareTown, MissingTransportIsSaidNotInvented) {
    const std::string west = slurp(s_report / "units/area/w.html");
    EXPECT_NE(west.find("公共交通の分析が含まれていません"), std::string::npos);
    EXPECT_EQ(west.find("data-map=\"transport\""), std::string::npos);
}

TEST_F(HtmlSquareTown, EnglishOnRequest) {
    const fs::path copy = fresh_temp_dir("keniki-html-en") / "out";
    fs::copy(s_out, copy, fs::copy_options::recursive);
    report::HtmlOptions options;
    options.lang = "en";
    options.indicator = "share_65plus";
    report::write_html_reports(copy.string(), options);
    const std::string west = slurp(copy / "report/units/area/w.html");
    EXPECT_NE(west.find("<html lang=\"en\">"), std::string::npos);
    EXPECT_NE(west.find("Population by age"), std::string::npos);
    EXPECT_EQ(west.find("年齢別の人口"), std::string::npos);
    const std::string index = slurp(copy / "report/index.html");
    EXPECT_NE(index.find("Share aged 65+"), std::string::npos);
    EXPECT_NE(index.find("Welfare area"), std::string::npos);  // the tier's name_en
    fs::remove_all(copy.parent_path());
}

TEST_F(HtmlSquareTown, BadRequestsAreUsageErrors) {
    report::HtmlOptions bad_lang;
    bad_lang.lang = "fr";
    EXPECT_THROW(report::write_html_reports(s_out.string(), bad_lang), UsageError);
    report::HtmlOptions bad_indicator;
    bad_indicator.indicator = "happiness";
    EXPECT_THROW(report::write_html_reports(s_out.string(), bad_indicator), UsageError);
    EXPECT_THROW(report::write_html_reports((s_out / "no-such-dir").string()), UsageError);
    const fs::path empty = fresh_temp_dir("keniki-html-empty");
    EXPECT_THROW(report::write_html_reports(empty.string()), UsageError);
    fs::remove_all(empty);
    // The earlier report is still there, whole.
    EXPECT_TRUE(fs::exists(s_report / "index.html"));
}

TEST_F(HtmlSquareTown, WithoutLeafletThereIsNoMapAndNoLinkToIt) {
    const fs::path copy = fresh_temp_dir("keniki-html-noleaflet") / "out";
    fs::copy(s_out, copy, fs::copy_options::recursive);
    report::HtmlOptions options;
    options.leaflet_dir = (copy / "nowhere").string();
    const auto r = report::write_html_reports(copy.string(), options);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("libjs-leaflet"), std::string::npos);
    EXPECT_FALSE(fs::exists(copy / "report/map.html"));
    for (const auto& page : pages_under(copy / "report")) check_links(page);
    fs::remove_all(copy.parent_path());
}

TEST_F(HtmlSquareTown, ReportCommandRebuildsFromTheOutputs) {
    const fs::path copy = fresh_temp_dir("keniki-html-cli") / "out";
    fs::copy(s_out, copy, fs::copy_options::recursive);
    fs::remove_all(copy / "report");
    const auto r = run_keniki("report " + shell_quote(copy.string()) + " --lang en --quiet");
    if (r.exit_code == 2 && r.err.find("unknown command") != std::string::npos) GTEST_SKIP() << "`keniki report` is not registered in main.cpp yet";
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::exists(copy / "report/index.html"));
    EXPECT_NE(slurp(copy / "report/units/area/w.html").find("<html lang=\"en\">"), std::string::npos);
    EXPECT_EQ(run_keniki("report " + shell_quote(copy.string()) + " --indicator nope").exit_code, 2);
    EXPECT_EQ(run_keniki("report " + shell_quote((copy / "missing").string())).exit_code, 2);
    fs::remove_all(copy.parent_path());
}

// -- in Chromium --------------------------------------------------------------------------------

#define KENIKI_REQUIRE_CHROMIUM()                                                                                        \
    do {                                                                                                                 \
        if (!have_chromium()) GTEST_SKIP() << k_chromium << " is absent (Debian package chromium): browser checks skipped"; \
    } while (0)

void expect_clean_load(const fs::path& page) {
    const PageLoad load = load_page(page);
    EXPECT_EQ(load.exit_code, 0) << page << "\n" << load.log;
    EXPECT_NE(load.dom.find("</html>"), std::string::npos) << page << ": no DOM";
    for (const auto& line : load.console) ADD_FAILURE() << page << ": console: " << line;
}

TEST_F(HtmlSquareTown, EveryPageLoadsWithoutConsoleErrors) {
    KENIKI_REQUIRE_CHROMIUM();
    for (const auto& page : pages_under(s_report)) expect_clean_load(page);
    // The map viewer really drew its layers.
    const PageLoad map = load_page(s_report / "map.html");
    EXPECT_NE(map.dom.find("data-layers=\""), std::string::npos);
    EXPECT_NE(map.dom.find("leaflet-interactive"), std::string::npos);
    EXPECT_NE(map.dom.find("leaflet-control-layers"), std::string::npos);
}

TEST_F(HtmlSquareTown, AConsoleErrorWouldBeSeen) {
    KENIKI_REQUIRE_CHROMIUM();
    // The check above is only worth something if a broken page fails it.
    const fs::path dir = fresh_temp_dir("keniki-html-broken");
    std::ofstream(dir / "broken.html") << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><script>noSuchFunction();</script></body></html>";
    EXPECT_FALSE(load_page(dir / "broken.html").console.empty());
    fs::copy_file(s_report / "map.html", dir / "map.html");  // without lib/ and map_data.js beside it
    EXPECT_FALSE(load_page(dir / "map.html").console.empty());
    fs::remove_all(dir);
}

TEST_F(HtmlSquareTown, ScreenshotsShowTheMaps) {
    KENIKI_REQUIRE_CHROMIUM();
    const fs::path png = fresh_temp_dir("keniki-html-shot") / "unit.png";
    ASSERT_TRUE(screenshot(s_report / "units/area/w.html", png, 900, 1300));
    const auto unit = read_png(png);
    ASSERT_TRUE(unit) << "cannot decode " << png;
    const std::size_t all = static_cast<std::size_t>(unit->width) * static_cast<std::size_t>(unit->height);
    // The unit's fill colour (#cfe0f1) covers a good part of the map, and the page is not blank.
    EXPECT_GT(count_pixels(*unit, 0xcf, 0xe0, 0xf1), all / 50) << png;
    EXPECT_LT(count_pixels(*unit, 255, 255, 255, 0), all * 9 / 10) << png;
    ASSERT_TRUE(screenshot(s_report / "index.html", png, 1200, 1400));
    const auto index = read_png(png);
    ASSERT_TRUE(index);
    std::size_t shaded = 0;
    for (const auto& [r, g, b] : {std::tuple{0xff, 0xff, 0xb2}, {0xfe, 0xcc, 0x5c}, {0xfd, 0x8d, 0x3c}, {0xf0, 0x3b, 0x20}, {0xbd, 0x00, 0x26}})
        shaded += count_pixels(*index, r, g, b);
    EXPECT_GT(shaded, static_cast<std::size_t>(index->width) * static_cast<std::size_t>(index->height) / 40) << png;
    fs::remove_all(png.parent_path());
}

TEST_F(HtmlSquareTown, UnitPagesPrintOnOneOrTwoA4Pages) {
    KENIKI_REQUIRE_CHROMIUM();
    const fs::path dir = fresh_temp_dir("keniki-html-pdf");
    for (const char* page : {"units/area/w.html", "units/area/e.html", "units/city/city.html"}) {
        const fs::path pdf = dir / "page.pdf";
        ASSERT_TRUE(print_to_pdf(s_report / page, pdf)) << page;
        const std::string bytes = slurp(pdf);
        const int pages = pdf_page_count(bytes);
        EXPECT_GE(pages, 1) << page;
        EXPECT_LE(pages, 2) << page;
        EXPECT_TRUE(pdf_is_a4(bytes)) << page;
    }
    fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// The demo town (data/demo): transport, stops and a scenario. How long the pages take is measured by
// tools/bench/bench_report, not here.

class HtmlDemoTown : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_out = run_plan(source_dir() / "data/demo/plan.toml", "keniki-html-demo");
        s_result = report::write_html_reports(s_out.string());
        s_report = s_out / "report";
    }
    static inline fs::path s_out, s_report;
    static inline report::HtmlResult s_result;
};

TEST_F(HtmlDemoTown, OnePagePerUnit) {
    std::size_t units = 0;
    const json summary = read_summary(s_out);
    for (const auto& tier : summary["tiers"]) units += tier["units"].size();
    EXPECT_EQ(s_result.unit_pages, units);
}

TEST_F(HtmlDemoTown, FiguresEqualTheSummaryAndLinksResolve) {
    const json summary = read_summary(s_out);
    for (const auto& page : pages_under(s_report)) {
        check_figures(page, summary);
        check_links(page);
    }
    if (summary.contains("transport")) {
        // Transport figures are on the unit pages.
        const std::string page = slurp(s_report / "units/welfare/W1.html");
        EXPECT_NE(page.find("data-map=\"transport\""), std::string::npos);
        EXPECT_NE(page.find("/transport/tiers/"), std::string::npos);
    }
}

TEST_F(HtmlDemoTown, PagesLoadAndPrint) {
    KENIKI_REQUIRE_CHROMIUM();
    expect_clean_load(s_report / "index.html");
    expect_clean_load(s_report / "map.html");
    expect_clean_load(s_report / "units/welfare/W1.html");
    // The fullest pages: the city (children), W1 (most stops and facilities), N1 (most hubs).
    const fs::path dir = fresh_temp_dir("keniki-html-demo-pdf");
    for (const auto& page : {s_report / "units/city/city.html", s_report / "units/welfare/W1.html", s_report / "units/neighbourhood/N1.html"}) {
        const fs::path pdf = dir / "page.pdf";
        ASSERT_TRUE(print_to_pdf(page, pdf)) << page;
        const int pages = pdf_page_count(slurp(pdf));
        EXPECT_GE(pages, 1) << page;
        EXPECT_LE(pages, 2) << page;
    }
    fs::remove_all(dir);
}

// ---------------------------------------------------------------------------------------------
// Iizuka: 149 census small areas as a tier (real data from ../shared/data), plus the city: 150 unit
// pages (timed by tools/bench/bench_report).

TEST(HtmlIizuka, OneHundredFiftyPages) {
    KENIKI_REQUIRE_SHARED("iizuka/census_small_areas_2020/r2ka40205.shp");
    const fs::path out = run_plan(source_dir() / "data/examples/iizuka.toml", "keniki-html-iizuka");
    const auto result = report::write_html_reports(out.string());
    EXPECT_EQ(result.unit_pages, 150u);
    const json summary = read_summary(out);
    const auto pages = pages_under(out / "report/units/small_area");
    ASSERT_EQ(pages.size(), 149u);
    for (std::size_t i = 0; i < pages.size(); i += 37) check_figures(pages[i], summary);
    check_figures(out / "report/index.html", summary);
    fs::remove_all(out.parent_path());
}

}  // namespace
}  // namespace keniki::test
