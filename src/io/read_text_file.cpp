#include "keniki/io/read_text_file.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "io/gdal_session.hpp"
#include "keniki/core/error.hpp"

namespace keniki::io {

namespace {

bool ends_with_zip(const std::string& path) {
    if (path.size() < 4) return false;
    std::string tail = path.substr(path.size() - 4);
    std::transform(tail.begin(), tail.end(), tail.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return tail == ".zip";
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

/// The path GDAL reads for a zip or folder: "/vsizip/x.zip" for zips, the path itself otherwise.
std::string archive_root(const std::string& zip_or_dir) {
    if (ends_with_zip(zip_or_dir) && !starts_with(zip_or_dir, "/vsizip/")) return "/vsizip/" + zip_or_dir;
    return zip_or_dir;
}

struct VsiFileCloser {
    void operator()(VSILFILE* fp) const noexcept { VSIFCloseL(fp); }
};

}  // namespace

bool text_file_exists(const std::string& path) {
    detail::ensure_gdal();
    detail::QuietGdalErrors quiet;
    VSIStatBufL st;
    return VSIStatL(path.c_str(), &st) == 0 && VSI_ISREG(st.st_mode);
}

std::string read_text_file(const std::string& path) {
    detail::ensure_gdal();
    detail::QuietGdalErrors quiet;
    VSIStatBufL st;
    if (VSIStatL(path.c_str(), &st) != 0) throw UsageError("no such file", Where{path});
    if (VSI_ISDIR(st.st_mode)) throw UsageError("is a folder, not a file", Where{path});
    std::unique_ptr<VSILFILE, VsiFileCloser> fp(VSIFOpenL(path.c_str(), "rb"));
    if (!fp) {
        const std::string why = detail::QuietGdalErrors::last_message();
        throw DataError("cannot open the file" + (why.empty() ? std::string() : ": " + why), Where{path});
    }
    std::string bytes;
    if (st.st_size > 0) bytes.reserve(static_cast<std::size_t>(st.st_size));
    // Read in large blocks until a read gives nothing: some /vsi handlers report a size of 0 or
    // return short blocks before the end, so neither the stat size nor a short read ends the loop.
    constexpr std::size_t block = 1 << 20;
    std::size_t have = 0;
    for (;;) {
        bytes.resize(have + block);
        const std::size_t n = VSIFReadL(bytes.data() + have, 1, block, fp.get());
        have += n;
        if (n == 0) break;
    }
    bytes.resize(have);
    // GDAL 3.6 has no VSIFErrorL: a member shorter than its stated size is the sign of a bad read.
    if (st.st_size > 0 && have < static_cast<std::size_t>(st.st_size)) {
        const std::string why = detail::QuietGdalErrors::last_message();
        throw DataError("read error: " + std::to_string(have) + " of " + std::to_string(st.st_size) + " bytes" +
                            (why.empty() ? std::string() : " (" + why + ")"),
                        Where{path});
    }
    return bytes;
}

std::vector<std::string> list_archive(const std::string& zip_or_dir) {
    detail::ensure_gdal();
    detail::QuietGdalErrors quiet;
    const std::string root = archive_root(zip_or_dir);
    VSIStatBufL st;
    if (VSIStatL(zip_or_dir.c_str(), &st) != 0 && VSIStatL(root.c_str(), &st) != 0)
        throw UsageError("no such file or folder", Where{zip_or_dir});
    if (VSIStatL(root.c_str(), &st) != 0 || !VSI_ISDIR(st.st_mode)) {
        const std::string why = detail::QuietGdalErrors::last_message();
        throw DataError("not a zip archive or a folder" + (why.empty() ? std::string() : ": " + why), Where{zip_or_dir});
    }
    CPLStringList entries(VSIReadDirRecursive(root.c_str()));
    std::vector<std::string> files;
    for (int i = 0; i < entries.size(); ++i) {
        std::string name = entries[i];
        if (name.empty() || name.back() == '/') continue;  // folders are listed with a trailing slash
        VSIStatBufL entry;
        if (VSIStatL((root + "/" + name).c_str(), &entry) == 0 && VSI_ISDIR(entry.st_mode)) continue;
        files.push_back(std::move(name));
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string archive_member_path(const std::string& zip_or_dir, const std::string& name) {
    std::string root = archive_root(zip_or_dir);
    if (!root.empty() && root.back() == '/') root.pop_back();
    return root + "/" + name;
}

}  // namespace keniki::io
