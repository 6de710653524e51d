#include "keniki/io/read_text_file.hpp"

#include <algorithm>
#include <cctype>
#include <memory>

#include <cpl_conv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include "io/gdal_session.hpp"
#include "io/text_encoding.hpp"
#include "keniki/core/error.hpp"
#include "keniki/core/text.hpp"

namespace keniki::io {

namespace {

bool ends_with_zip(const std::string& path) {
    if (path.size() < 4) return false;
    return text::ascii_lower(path.substr(path.size() - 4)) == ".zip";
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
    const bool in_zip = starts_with(path, "/vsizip/");
    std::unique_ptr<VSILFILE, VsiFileCloser> fp(VSIFOpenL(path.c_str(), "rb"));
    if (!fp) {
        // GDAL's zip reader says "cpl_unzOpenCurrentFile() failed" for a damaged local header or an
        // unknown compression method: say what that means instead.
        if (in_zip)
            throw DataError("cannot be read: the zip archive is damaged at this file (a corrupt local header, or a compression "
                            "method GDAL cannot read); re-create the zip",
                            Where{path});
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
        if (in_zip)
            throw DataError("cannot be read: only " + std::to_string(have) + " of its " + std::to_string(st.st_size) +
                                " bytes could be decompressed (the zip archive is damaged at this file); re-create the zip",
                            Where{path});
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
        VSIStatBufL plain;
        if (VSIStatL(zip_or_dir.c_str(), &plain) == 0 && VSI_ISREG(plain.st_mode)) {
            if (plain.st_size == 0) throw DataError("the file is empty (0 bytes): not a zip archive", Where{zip_or_dir});
            // A zip starts with a local file header "PK\3\4" and ends with its central directory.
            std::unique_ptr<VSILFILE, VsiFileCloser> fp(VSIFOpenL(zip_or_dir.c_str(), "rb"));
            char magic[4] = {0, 0, 0, 0};
            if (fp && VSIFReadL(magic, 1, 4, fp.get()) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
                throw DataError("the zip archive is truncated or damaged: its list of files (the central directory at its end) "
                                "cannot be read; download or re-create it",
                                Where{zip_or_dir});
            throw DataError("not a zip archive or a folder (it does not start as a zip does)", Where{zip_or_dir});
        }
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

std::optional<std::int64_t> first_invalid_utf8_line(std::string_view text) {
    if (detail::is_valid_utf8(text)) return std::nullopt;
    std::int64_t line = 1;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        if (!detail::is_valid_utf8(text.substr(start, end - start))) return line;
        ++line;
        start = end + 1;
    }
    return line;
}

std::string archive_member_path(const std::string& zip_or_dir, const std::string& name) {
    std::string root = archive_root(zip_or_dir);
    if (!root.empty() && root.back() == '/') root.pop_back();
    return root + "/" + name;
}

}  // namespace keniki::io
