#include "browser.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include <dlfcn.h>

#include "support/test_paths.hpp"

namespace keniki::test {

namespace fs = std::filesystem;

namespace {

std::string chromium_command(const fs::path& profile) {
    return std::string(k_chromium) +
           " --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
           " --no-first-run --no-default-browser-check --hide-scrollbars --user-data-dir=" +
           shell_quote(profile.string());
}

std::string file_url(const fs::path& page) { return "file://" + fs::absolute(page).string(); }

std::uint32_t be32(const std::uint8_t* p) { return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3]; }

using UncompressFn = int (*)(unsigned char*, unsigned long*, const unsigned char*, unsigned long);

UncompressFn zlib_uncompress() {
    static UncompressFn fn = [] {
        void* lib = dlopen("libz.so.1", RTLD_NOW | RTLD_LOCAL);
        return lib ? reinterpret_cast<UncompressFn>(dlsym(lib, "uncompress")) : nullptr;
    }();
    return fn;
}

}  // namespace

bool have_chromium() { return fs::exists(k_chromium); }

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

PageLoad load_page(const fs::path& page) {
    const fs::path profile = fresh_temp_dir("keniki-chromium");
    const auto r = run_command(chromium_command(profile) + " --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom " +
                               shell_quote(file_url(page)));
    PageLoad load;
    load.exit_code = r.exit_code;
    load.dom = r.out;
    load.log = r.err;
    std::istringstream lines(r.err);
    for (std::string line; std::getline(lines, line);) {
        if (line.find(":CONSOLE") != std::string::npos) load.console.push_back(line);
    }
    fs::remove_all(profile);
    return load;
}

bool screenshot(const fs::path& page, const fs::path& png, int width, int height) {
    const fs::path profile = fresh_temp_dir("keniki-chromium");
    fs::remove(png);
    run_command(chromium_command(profile) + " --virtual-time-budget=3000 --window-size=" + std::to_string(width) + "," + std::to_string(height) +
                " --screenshot=" + shell_quote(png.string()) + " " + shell_quote(file_url(page)));
    fs::remove_all(profile);
    return fs::exists(png) && fs::file_size(png) > 0;
}

bool print_to_pdf(const fs::path& page, const fs::path& pdf) {
    const fs::path profile = fresh_temp_dir("keniki-chromium");
    fs::remove(pdf);
    run_command(chromium_command(profile) + " --virtual-time-budget=3000 --no-pdf-header-footer --print-to-pdf=" + shell_quote(pdf.string()) + " " +
                shell_quote(file_url(page)));
    fs::remove_all(profile);
    return fs::exists(pdf) && fs::file_size(pdf) > 0;
}

std::optional<Image> read_png(const fs::path& path) {
    const std::string bytes = slurp(path);
    const auto* d = reinterpret_cast<const std::uint8_t*>(bytes.data());
    if (bytes.size() < 8 || std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) != 0) return std::nullopt;
    int width = 0, height = 0, colour = -1, depth = 0, interlace = 0;
    std::string idat;
    for (std::size_t pos = 8; pos + 12 <= bytes.size();) {
        const std::uint32_t len = be32(d + pos);
        const std::string type(bytes.data() + pos + 4, 4);
        if (pos + 12 + len > bytes.size()) return std::nullopt;
        const std::uint8_t* body = d + pos + 8;
        if (type == "IHDR") {
            width = static_cast<int>(be32(body));
            height = static_cast<int>(be32(body + 4));
            depth = body[8];
            colour = body[9];
            interlace = body[12];
        } else if (type == "IDAT") {
            idat.append(reinterpret_cast<const char*>(body), len);
        } else if (type == "IEND") {
            break;
        }
        pos += 12 + len;
    }
    if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0 || width <= 0 || height <= 0) return std::nullopt;
    const int channels = colour == 6 ? 4 : 3;
    const std::size_t stride = static_cast<std::size_t>(width) * channels;
    std::vector<std::uint8_t> raw((stride + 1) * static_cast<std::size_t>(height));
    unsigned long raw_len = raw.size();
    const UncompressFn uncompress = zlib_uncompress();
    if (!uncompress ||
        uncompress(raw.data(), &raw_len, reinterpret_cast<const unsigned char*>(idat.data()), static_cast<unsigned long>(idat.size())) != 0 ||
        raw_len != raw.size())
        return std::nullopt;
    // Undo the per-row filters (PNG spec §9).
    std::vector<std::uint8_t> pixels(stride * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        const std::uint8_t filter = raw[static_cast<std::size_t>(y) * (stride + 1)];
        const std::uint8_t* in = &raw[static_cast<std::size_t>(y) * (stride + 1) + 1];
        std::uint8_t* out = &pixels[static_cast<std::size_t>(y) * stride];
        const std::uint8_t* up = y > 0 ? out - stride : nullptr;
        for (std::size_t x = 0; x < stride; ++x) {
            const int a = x >= static_cast<std::size_t>(channels) ? out[x - channels] : 0;
            const int b = up ? up[x] : 0;
            const int c = (up && x >= static_cast<std::size_t>(channels)) ? up[x - channels] : 0;
            int v = in[x];
            switch (filter) {
                case 0: break;
                case 1: v += a; break;
                case 2: v += b; break;
                case 3: v += (a + b) / 2; break;
                case 4: {
                    const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
                    v += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                    break;
                }
                default: return std::nullopt;
            }
            out[x] = static_cast<std::uint8_t>(v & 0xFF);
        }
    }
    Image img;
    img.width = width;
    img.height = height;
    img.rgb.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    for (std::size_t i = 0, n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height); i < n; ++i) {
        for (int ch = 0; ch < 3; ++ch) img.rgb[i * 3 + static_cast<std::size_t>(ch)] = pixels[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(ch)];
    }
    return img;
}

std::size_t count_pixels(const Image& image, int r, int g, int b, int tolerance) {
    std::size_t n = 0;
    for (std::size_t i = 0; i + 2 < image.rgb.size(); i += 3) {
        if (std::abs(image.rgb[i] - r) <= tolerance && std::abs(image.rgb[i + 1] - g) <= tolerance && std::abs(image.rgb[i + 2] - b) <= tolerance) ++n;
    }
    return n;
}

int pdf_page_count(const std::string& pdf) {
    // "/Type /Page" (any spacing), not "/Type /Pages".
    int pages = 0;
    for (std::size_t pos = pdf.find("/Type"); pos != std::string::npos; pos = pdf.find("/Type", pos + 5)) {
        std::size_t i = pos + 5;
        while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r')) ++i;
        if (pdf.compare(i, 5, "/Page") != 0) continue;
        const char next = i + 5 < pdf.size() ? pdf[i + 5] : ' ';
        if (!std::isalpha(static_cast<unsigned char>(next))) ++pages;
    }
    return pages;
}

bool pdf_is_a4(const std::string& pdf) {
    static const std::regex box(R"(/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\])");
    std::smatch m;
    if (!std::regex_search(pdf, m, box)) return false;
    const double w = std::stod(m[1]), h = std::stod(m[2]);
    return std::abs(w - 595.28) < 2 && std::abs(h - 841.89) < 2;
}

}  // namespace keniki::test
