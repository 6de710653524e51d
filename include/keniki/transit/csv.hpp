#pragma once
// A one-pass RFC 4180 CSV reader for GTFS text files: quoted fields, doubled quotes, quoted fields
// spanning lines, CRLF or LF, an optional UTF-8 byte order mark, no final newline. It reads text held
// in memory (io::read_text_file) and hands out views into it, so stop_times.txt is parsed without a
// copy per field. No decoding: GTFS is UTF-8 by specification.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "keniki/core/error.hpp"

namespace keniki::transit {

/// Record reader. Unquoted fields are trimmed of surrounding spaces and tabs, quoted ones are kept
/// as they are. Lines that are empty (or hold only spaces) are skipped. A quote inside an unquoted
/// field is kept as an ordinary character; text after a closing quote up to the next comma is
/// appended to the field. An unterminated quoted field is a DataError naming the line it starts on.
class CsvReader {
public:
    /// `text` must outlive the reader. `file` names the source in error messages.
    CsvReader(std::string_view text, std::string file);

    /// Reads the next record into `fields`; the views stay valid until the next call. False at the end.
    bool next(std::vector<std::string_view>& fields);

    /// 1-based line on which the record last returned starts.
    std::int64_t line() const noexcept { return m_record_line; }
    const std::string& file() const noexcept { return m_file; }

private:
    /// A field unescaped into m_scratch ("" quotes), patched into the record at its end.
    struct ScratchField {
        std::size_t field;
        std::size_t offset;
        std::size_t size;
    };

    std::string_view m_text;
    std::string m_file;
    std::size_t m_pos = 0;
    std::int64_t m_line = 1;
    std::int64_t m_record_line = 0;
    std::string m_scratch;  ///< unescaped quoted fields of the current record
    std::vector<ScratchField> m_scratch_fields;
};

/// A CSV file with a header row; columns are found by name (trimmed, ASCII case-insensitive).
class CsvTable {
public:
    /// Reads the header. An empty text (or one without a header) is a DataError.
    CsvTable(std::string_view text, std::string file);

    std::optional<std::size_t> column(std::string_view name) const;
    /// As column(), but a missing column is a DataError naming the file and the field.
    std::size_t require_column(std::string_view name) const;
    const std::vector<std::string>& header() const noexcept { return m_header; }

    /// Advances to the next record; false at the end.
    bool next() { return m_reader.next(m_fields); }
    /// The field in `column` of the current record; "" when the record is shorter or the column
    /// absent (for optional columns: feeds often leave out trailing empty fields).
    std::string_view get(std::optional<std::size_t> column) const noexcept {
        return column && *column < m_fields.size() ? m_fields[*column] : std::string_view{};
    }
    /// The field in a required `column` (from require_column): a record too short to hold it is a
    /// DataError naming the line and both field counts, not an empty value.
    std::string_view operator[](std::size_t column) const {
        if (column >= m_fields.size()) [[unlikely]]
            short_row(column);
        return m_fields[column];
    }

    /// 1-based line of the current record.
    std::int64_t line() const noexcept { return m_reader.line(); }
    const std::string& file() const noexcept { return m_reader.file(); }
    /// Where the current record is, for messages; `field` names the column at fault.
    Where where(std::string_view field = {}) const { return Where{file(), {}, {}, std::string(field), line()}; }

private:
    [[noreturn]] void short_row(std::size_t column) const;

    CsvReader m_reader;
    std::vector<std::string> m_header;
    std::vector<std::string_view> m_fields;
};

}  // namespace keniki::transit
