// libFuzzer target: project::load_plan (TOML syntax, unknown / missing keys, wrong types, tier and
// facility references, reaches) and describe_plan on every plan accepted. The plan's inputs are not
// opened (check_plan_inputs is not called): paths in a fuzzed plan name arbitrary files.
// Input: the bytes of one plan.toml.

#include <cstddef>
#include <cstdint>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/project/plan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = keniki::fuzz::write_file(keniki::fuzz::scratch_dir() / "plan.toml", keniki::fuzz::as_view(data, size));
    try {
        const keniki::project::Plan plan = keniki::project::load_plan(path);
        (void)keniki::project::describe_plan(plan);
    } catch (const keniki::Error&) {
    }
    return 0;
}
