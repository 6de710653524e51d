#pragma once
// GDAL set-up shared by the readers and writers: driver registration once per process, and a scope
// in which GDAL's own error printing is silenced so that errors reach the user once, as exceptions.

#include <string>

namespace keniki::io::detail {

/// Registers GDAL's drivers (once, thread-safe).
void ensure_gdal();

/// While alive, GDAL errors are not printed; last_message() gives the latest one.
class QuietGdalErrors {
public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;
    static std::string last_message();
};

}  // namespace keniki::io::detail
