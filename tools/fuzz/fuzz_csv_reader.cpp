// libFuzzer target: the CSV reader behind io::read_layer (encoding detection, GDAL's CSV parsing,
// coordinate column detection and range checks, type inference) and io::read_schema's sampled look.
// Input: the bytes of one .csv file.

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/io/read_layer.hpp"
#include "keniki/io/read_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = keniki::fuzz::write_file(keniki::fuzz::scratch_dir() / "input.csv", keniki::fuzz::as_view(data, size));
    try {
        keniki::io::ReadReport report;
        (void)keniki::io::read_layer(path, {}, &report);
    } catch (const keniki::Error&) {
    }
    try {
        (void)keniki::io::read_schema(path);
    } catch (const keniki::Error&) {
    }
    return 0;
}
