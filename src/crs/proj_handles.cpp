#include "crs/proj_handles.hpp"

#include <string_view>
#include <utility>

#include "keniki/core/error.hpp"

namespace keniki::crs::detail {

ProjContext::ProjContext() : m_ctx(proj_context_create()) {
    if (!m_ctx) throw DataError("PROJ could not create a context (is proj.db installed?)");
    proj_log_level(m_ctx.get(), PJ_LOG_ERROR);
    proj_log_func(m_ctx.get(), this, &ProjContext::log);
}

void ProjContext::log(void* self, int level, const char* message) {
    if (level > PJ_LOG_ERROR || !message) return;
    static_cast<ProjContext*>(self)->m_last_log = message;
}

std::string ProjContext::error_text() const {
    if (!m_last_log.empty()) return m_last_log;
    const int err = proj_context_errno(m_ctx.get());
    if (err == 0) return "unknown PROJ error";
    const char* text = proj_context_errno_string(m_ctx.get(), err);
    return text ? text : "PROJ error " + std::to_string(err);
}

void ProjContext::clear_error() { m_last_log.clear(); }

std::string quote_definition(const std::string& definition) {
    constexpr std::size_t max_chars = 80;
    if (definition.size() <= max_chars) return "'" + definition + "'";
    // Cut on a UTF-8 character boundary so that the message stays valid text.
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(definition[cut]) & 0xC0) == 0x80) --cut;
    return "'" + definition.substr(0, cut) + "...'";
}

namespace {

bool is_crs(const PJ* p) { return p && proj_is_crs(p); }

/// PROJ strings describe an operation unless they say +type=crs; a user writing
/// "+proj=longlat +datum=WGS84" means the CRS.
bool looks_like_proj_string_without_type(std::string_view definition) {
    return definition.find("proj=") != std::string_view::npos && definition.find("type=crs") == std::string_view::npos &&
           definition.find('[') == std::string_view::npos;
}

}  // namespace

PjPtr create_crs(ProjContext& ctx, const std::string& definition) {
    if (definition.find_first_not_of(" \t\r\n") == std::string::npos)
        throw DataError("empty CRS definition");
    ctx.clear_error();
    PjPtr crs(proj_create(ctx.get(), definition.c_str()));
    if (!is_crs(crs.get()) && looks_like_proj_string_without_type(definition)) {
        const std::string first_error = ctx.error_text();
        ctx.clear_error();
        PjPtr as_crs(proj_create(ctx.get(), (definition + " +type=crs").c_str()));
        if (is_crs(as_crs.get())) crs = std::move(as_crs);
        else if (!crs) throw DataError("cannot read CRS definition " + quote_definition(definition) + ": " + first_error);
    }
    if (!crs) throw DataError("cannot read CRS definition " + quote_definition(definition) + ": " + ctx.error_text());
    if (!is_crs(crs.get()))
        throw DataError("CRS definition " + quote_definition(definition) +
                        " describes a coordinate operation, not a coordinate reference system");
    return crs;
}

PjPtr horizontal_crs(ProjContext& ctx, PjPtr crs) {
    switch (proj_get_type(crs.get())) {
        case PJ_TYPE_BOUND_CRS:
            if (PjPtr source{proj_get_source_crs(ctx.get(), crs.get())}) return horizontal_crs(ctx, std::move(source));
            break;
        case PJ_TYPE_COMPOUND_CRS:
            if (PjPtr first{proj_crs_get_sub_crs(ctx.get(), crs.get(), 0)}) return horizontal_crs(ctx, std::move(first));
            break;
        default:
            break;
    }
    return crs;
}

}  // namespace keniki::crs::detail
