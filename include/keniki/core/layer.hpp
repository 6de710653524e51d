#pragma once
// The engine's feature model: a layer is a schema, a CRS and features with typed attribute values.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "keniki/core/geometry.hpp"

namespace keniki {

enum class FieldType { integer, real, text };

struct Field {
    std::string name;
    FieldType type = FieldType::text;
};

/// monostate is a null (missing, suppressed) value.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Feature {
    std::int64_t id = 0;  ///< the source's feature id (FID, CSV record number, ...): what messages quote
    Geometry geometry;
    std::vector<Value> values;  ///< one per field of the layer, in schema order
};

struct Layer {
    std::string name;
    /// CRS of the coordinates: "EPSG:n" when known, else WKT; empty when the source declares none.
    std::string crs;
    std::vector<Field> fields;
    std::vector<Feature> features;

    /// Index of the field called `field_name` (exact match), if any.
    std::optional<std::size_t> field_index(std::string_view field_name) const;
    /// Adds a field at the end of the schema; existing features get a null value for it.
    std::size_t add_field(Field field);
};

/// Value as a number when it holds one (text is parsed strictly; empty text is null).
std::optional<double> as_number(const Value& v);
/// Value as text (numbers printed without loss); null gives an empty string.
std::string as_text(const Value& v);

std::string_view to_string(FieldType t);

}  // namespace keniki
