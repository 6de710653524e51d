// libFuzzer target: the GTFS text layer in memory — transit::CsvTable (quotes, CRLF, BOMs, blank
// lines) over one file, with every field also read as a GTFS time and a GTFS date, and the times
// written back. Input: the bytes of one GTFS .txt file.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/transit/csv.hpp"
#include "keniki/transit/date.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace keniki::transit;
    // A copy of exactly `size` bytes, so that reading past the end is caught by ASan.
    const std::vector<char> bytes(data, data + size);
    const std::string_view text(bytes.data(), bytes.size());
    try {
        CsvTable table(text, "fuzz.txt");
        const auto columns = table.header().size();
        (void)table.column("stop_id");
        while (table.next()) {
            for (std::size_t c = 0; c < columns + 1; ++c) {
                const std::string_view field = table.get(c);
                if (const auto t = parse_gtfs_time(field)) {
                    // Round trip: what is written back reads back the same.
                    if (*t < 0 || parse_gtfs_time(format_gtfs_time(*t)) != t) std::abort();
                }
                if (const auto d = Date::parse(field)) {
                    if (Date::parse(d->to_string()) != d) std::abort();
                    (void)d->iso();
                    (void)d->weekday_name();
                }
            }
        }
    } catch (const keniki::Error&) {
    }
    return 0;
}
