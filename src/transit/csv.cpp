#include "keniki/transit/csv.hpp"

#include <algorithm>
#include <cstring>

namespace keniki::transit {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool is_blank(char c) { return c == ' ' || c == '\t'; }

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string file) : m_text(text), m_file(std::move(file)) {
    if (m_text.substr(0, k_bom.size()) == k_bom) m_pos = k_bom.size();
}

bool CsvReader::next(std::vector<std::string_view>& fields) {
    const char* const data = m_text.data();
    const std::size_t size = m_text.size();
    for (;;) {
        fields.clear();
        m_scratch_fields.clear();
        m_scratch.clear();
        if (m_pos >= size) return false;
        m_record_line = m_line;
        bool only_blank = true;  // one unquoted field holding nothing but spaces: a blank line
        bool at_end = false;
        while (!at_end) {
            std::size_t pos = m_pos;
            if (data[pos] == '"') {
                // Quoted field: up to the closing quote; "" stands for one quote.
                only_blank = false;
                ++pos;
                std::size_t start = pos;
                bool uses_scratch = false;
                std::size_t scratch_start = m_scratch.size();
                for (;;) {
                    const void* q = std::memchr(data + pos, '"', size - pos);
                    if (q == nullptr)
                        throw DataError("a quoted field is not closed (missing '\"')", Where{m_file, {}, {}, {}, m_record_line});
                    const std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - data);
                    m_line += std::count(data + pos, data + qpos, '\n');
                    if (qpos + 1 < size && data[qpos + 1] == '"') {
                        uses_scratch = true;
                        m_scratch.append(data + start, qpos + 1 - start);  // text plus one quote
                        pos = qpos + 2;
                        start = pos;
                        continue;
                    }
                    if (uses_scratch) m_scratch.append(data + start, qpos - start);
                    else fields.emplace_back(data + start, qpos - start);
                    pos = qpos + 1;
                    break;
                }
                // Anything between the closing quote and the delimiter is kept (lenient).
                std::size_t tail = pos;
                while (tail < size && data[tail] != ',' && data[tail] != '\n' && data[tail] != '\r') ++tail;
                std::size_t tail_end = tail;
                while (tail_end > pos && is_blank(data[tail_end - 1])) --tail_end;
                if (tail_end > pos) {
                    if (!uses_scratch) {
                        m_scratch.append(fields.back());
                        fields.pop_back();
                        uses_scratch = true;
                    }
                    m_scratch.append(data + pos, tail_end - pos);
                }
                if (uses_scratch) {
                    m_scratch_fields.push_back({fields.size(), scratch_start, m_scratch.size() - scratch_start});
                    fields.emplace_back();
                }
                pos = tail;
            } else {
                std::size_t start = pos;
                while (pos < size) {
                    const char c = data[pos];
                    if (c == ',' || c == '\n' || c == '\r') break;
                    ++pos;
                }
                std::size_t end = pos;
                while (start < end && is_blank(data[start])) ++start;
                while (end > start && is_blank(data[end - 1])) --end;
                if (end > start) only_blank = false;
                fields.emplace_back(data + start, end - start);
            }
            // Delimiter or end of record.
            if (pos >= size) {
                at_end = true;
            } else if (data[pos] == ',') {
                only_blank = false;
                ++pos;
                if (pos >= size) {  // a trailing comma at the very end: one more empty field
                    fields.emplace_back();
                    at_end = true;
                }
            } else {  // '\r' or '\n'
                if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n') ++pos;
                ++pos;
                ++m_line;
                at_end = true;
            }
            m_pos = pos;
        }
        if (only_blank && fields.size() == 1) continue;
        for (const ScratchField& f : m_scratch_fields) fields[f.field] = std::string_view(m_scratch).substr(f.offset, f.size);
        return true;
    }
}

CsvTable::CsvTable(std::string_view text, std::string file) : m_reader(text, std::move(file)) {
    if (!m_reader.next(m_fields)) throw DataError("the file is empty (no header row)", Where{m_reader.file()});
    m_header.reserve(m_fields.size());
    for (std::string_view f : m_fields) {
        // A second BOM (files concatenated) or stray spaces in a header name are common enough.
        if (f.substr(0, k_bom.size()) == k_bom) f.remove_prefix(k_bom.size());
        m_header.emplace_back(f);
    }
    m_fields.clear();
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    const std::string wanted = lower_ascii(name);
    for (std::size_t i = 0; i < m_header.size(); ++i)
        if (lower_ascii(m_header[i]) == wanted) return i;
    return std::nullopt;
}

void CsvTable::short_row(std::size_t column) const {
    const std::string field = column < m_header.size() ? m_header[column] : std::string();
    throw DataError("the row is short: it has " + std::to_string(m_fields.size()) + (m_fields.size() == 1 ? " field" : " fields") +
                        ", the header (line 1) has " + std::to_string(m_header.size()) + " (no value for '" + field + "')",
                    where(field));
}

std::size_t CsvTable::require_column(std::string_view name) const {
    if (auto c = column(name)) return *c;
    throw DataError("missing required column '" + std::string(name) + "'", Where{file(), {}, {}, std::string(name), 1});
}

}  // namespace keniki::transit
