#pragma once
// Looking at pages as a person would: headless Chromium loads a page (its DOM and console), takes a
// screenshot or prints it to PDF; a tiny PNG reader (zlib through dlopen) and a PDF page counter
// check what came out. Tests skip with a message when /usr/bin/chromium is absent.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace keniki::test {

inline constexpr const char* k_chromium = "/usr/bin/chromium";
bool have_chromium();

struct PageLoad {
    int exit_code = -1;
    std::string dom;                     ///< the DOM after scripts ran (--dump-dom)
    std::vector<std::string> console;    ///< console messages (uncaught errors, console.error, ...)
    std::string log;                     ///< everything Chromium printed on stderr
};

PageLoad load_page(const std::filesystem::path& page);
/// Screenshot of the page in a window of width × height CSS pixels; false when none was written.
bool screenshot(const std::filesystem::path& page, const std::filesystem::path& png, int width, int height);
/// The page printed to PDF (the page's own @page size, no header or footer).
bool print_to_pdf(const std::filesystem::path& page, const std::filesystem::path& pdf);

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgb;  ///< width × height × 3
};
/// An 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes); nothing for anything else.
std::optional<Image> read_png(const std::filesystem::path& path);
/// Pixels within `tolerance` (per channel) of the colour.
std::size_t count_pixels(const Image& image, int r, int g, int b, int tolerance = 2);

/// Pages of a PDF (objects of /Type /Page), and whether the first page's MediaBox is A4.
int pdf_page_count(const std::string& pdf);
bool pdf_is_a4(const std::string& pdf);

std::string slurp(const std::filesystem::path& path);

}  // namespace keniki::test
