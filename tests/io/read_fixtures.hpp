#pragma once
// Helpers shared by the reader tests: the hand-made fixtures in tests/fixtures/read, and a field's
// text value by name.

#include <string>

#include <gtest/gtest.h>

#include "keniki/core/layer.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {

inline std::string read_fixture(const std::string& name) { return (source_dir() / "tests/fixtures/read" / name).string(); }

inline std::string text_of(const Layer& layer, const Feature& f, const std::string& field) {
    const auto i = layer.field_index(field);
    if (!i) {
        ADD_FAILURE() << "no field " << field;
        return {};
    }
    return as_text(f.values[*i]);
}

}  // namespace keniki::test
