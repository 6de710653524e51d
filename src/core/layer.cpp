#include "keniki/core/layer.hpp"

#include <charconv>
#include <cstdio>

#include "keniki/core/text.hpp"

namespace keniki {

std::optional<std::size_t> Layer::field_index(std::string_view field_name) const {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == field_name) return i;
    }
    return std::nullopt;
}

std::size_t Layer::add_field(Field field) {
    fields.push_back(std::move(field));
    for (auto& f : features) f.values.resize(fields.size());
    return fields.size() - 1;
}

std::optional<double> as_number(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* s = std::get_if<std::string>(&v)) {
        return text::parse_number(*s);
    }
    return std::nullopt;
}

std::string as_text(const Value& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&v)) {
        char buf[32];
        const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, *d);
        return ec == std::errc{} ? std::string(buf, ptr) : std::string{};
    }
    if (const auto* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

std::string_view to_string(FieldType t) {
    switch (t) {
        case FieldType::integer: return "integer";
        case FieldType::real: return "real";
        case FieldType::text: return "text";
    }
    return "text";
}

}  // namespace keniki
