// libFuzzer target: io::read_estat_table (e-Stat small-area tables: two header rows, suppression
// columns HTKSYORI / HTKSAKI / GASSAN, "X" and "-" cells) and the look-ups on the table read.
// Input: the bytes of one table (CP932 or UTF-8).

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/io/estat_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = keniki::fuzz::write_file(keniki::fuzz::scratch_dir() / "table.csv", keniki::fuzz::as_view(data, size));
    try {
        const keniki::io::EstatTable table = keniki::io::read_estat_table(path);
        if (!table.column_codes.empty()) (void)table.column(table.column_codes.front());
        if (!table.rows.empty()) (void)table.find_row(table.rows.back().key_code);
    } catch (const keniki::Error&) {
    }
    return 0;
}
