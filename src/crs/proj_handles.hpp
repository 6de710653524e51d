#pragma once
// Private to crs/: RAII around PROJ's C handles, and reading a CRS definition into a PJ*.
// This folder is the only place in keniki that includes proj.h.

#include <memory>
#include <string>

#include <proj.h>

namespace keniki::crs::detail {

struct PjDeleter {
    void operator()(PJ* p) const noexcept { proj_destroy(p); }
};
/// An owned PJ*. It keeps a pointer to the context that made it: destroy it before that context.
using PjPtr = std::unique_ptr<PJ, PjDeleter>;

struct PjListDeleter {
    void operator()(PJ_OBJ_LIST* l) const noexcept { proj_list_destroy(l); }
};
using PjListPtr = std::unique_ptr<PJ_OBJ_LIST, PjListDeleter>;

struct ContextDeleter {
    void operator()(PJ_CONTEXT* c) const noexcept { proj_context_destroy(c); }
};
using ContextPtr = std::unique_ptr<PJ_CONTEXT, ContextDeleter>;

/// A PJ_CONTEXT of its own, with PROJ's log routed into `last_error()` instead of stderr.
/// Neither copyable nor movable: PROJ keeps a pointer to it for the log callback.
class ProjContext {
public:
    ProjContext();
    ~ProjContext() = default;
    ProjContext(const ProjContext&) = delete;
    ProjContext& operator=(const ProjContext&) = delete;
    ProjContext(ProjContext&&) = delete;
    ProjContext& operator=(ProjContext&&) = delete;

    PJ_CONTEXT* get() const noexcept { return m_ctx.get(); }
    /// PROJ's own words for the last failure: the last error it logged since clear_error(),
    /// else the text of the context's errno.
    std::string error_text() const;
    void clear_error();

private:
    static void log(void* self, int level, const char* message);

    ContextPtr m_ctx;
    std::string m_last_log;
};

/// The first 80 characters of a definition, quoted, for error messages.
std::string quote_definition(const std::string& definition);

/// Reads a CRS definition ("EPSG:6670", WKT1/WKT2, PROJ string with or without +type=crs).
/// Throws keniki::DataError naming the definition and PROJ's reason when it is not a CRS.
PjPtr create_crs(ProjContext& ctx, const std::string& definition);

/// The horizontal CRS a definition stands for: the source of a BoundCRS (WKT1 with TOWGS84),
/// the first component of a CompoundCRS; otherwise the object itself.
PjPtr horizontal_crs(ProjContext& ctx, PjPtr crs);

}  // namespace keniki::crs::detail
