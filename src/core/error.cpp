#include "keniki/core/error.hpp"

namespace keniki {

std::string Where::describe() const {
    std::string out;
    auto add = [&out](const std::string& part) {
        if (!out.empty()) out += ", ";
        out += part;
    };
    if (!file.empty()) add(file);
    if (!layer.empty()) add("layer '" + layer + "'");
    if (line) add("line " + std::to_string(*line));
    if (feature) add("feature " + std::to_string(*feature));
    if (!field.empty()) add("field '" + field + "'");
    return out;
}

namespace {
std::string compose(const std::string& message, const Where& where) {
    const std::string place = where.describe();
    return place.empty() ? message : place + ": " + message;
}
}  // namespace

Error::Error(const std::string& message, Where where)
    : std::runtime_error(compose(message, where)), m_where(std::move(where)), m_message(message) {}

}  // namespace keniki
