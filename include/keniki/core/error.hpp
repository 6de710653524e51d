#pragma once
// Typed errors. Everything below main() throws one of these; main() catches them once and maps
// them to an exit code: UsageError -> 2 (the command or its arguments are wrong),
// DataError -> 1 (the input cannot be analysed as it is).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace keniki {

/// Where in the input a problem is: every part is optional, the message names those that are set.
struct Where {
    Where() = default;
    explicit Where(std::string file_, std::string layer_ = {}, std::optional<std::int64_t> feature_ = {}, std::string field_ = {},
                   std::optional<std::int64_t> line_ = {})
        : file(std::move(file_)), layer(std::move(layer_)), feature(feature_), field(std::move(field_)), line(line_) {}

    std::string file;
    std::string layer;
    std::optional<std::int64_t> feature;  ///< feature id (FID) or CSV record number
    std::string field;
    std::optional<std::int64_t> line;  ///< line in a text file (1-based)

    std::string describe() const;  ///< "file.csv, line 3, field 'lat'" (empty when nothing is set)
};

class Error : public std::runtime_error {
public:
    Error(const std::string& message, Where where);
    const Where& where() const noexcept { return m_where; }
    const std::string& message() const noexcept { return m_message; }

private:
    Where m_where;
    std::string m_message;
};

/// The user asked for something that cannot be: a missing file, an unknown layer or option. Exit 2.
class UsageError : public Error {
public:
    using Error::Error;
    explicit UsageError(const std::string& message) : Error(message, {}) {}
};

/// The input is there but cannot be used as it is: no coordinates, out of range, invalid geometry,
/// undecodable text. Exit 1.
class DataError : public Error {
public:
    using Error::Error;
    explicit DataError(const std::string& message) : Error(message, {}) {}
};

}  // namespace keniki
