#include "io/gdal_session.hpp"

#include <mutex>

#include <cpl_error.h>
#include <gdal.h>

namespace keniki::io::detail {

void ensure_gdal() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QuietGdalErrors::QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() { CPLPopErrorHandler(); }

std::string QuietGdalErrors::last_message() {
    const char* msg = CPLGetLastErrorMsg();
    return msg ? msg : "";
}

}  // namespace keniki::io::detail
