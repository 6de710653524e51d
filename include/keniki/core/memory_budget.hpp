#pragma once
// Resource limits: what a run would need, checked against what the machine has, where the sizes are
// first known (a layer's feature and vertex counts while it is read, the hubs of a tier, the cells
// of a service-area raster), so that a plan or input too big for the machine is refused with the
// estimate and what to change, instead of being killed by the kernel half-way.
//
// The estimates are deliberately simple (bytes per vertex, per hub, per cell, measured on whole
// `keniki run`s: tools/bench/bench_big_inputs.cpp) and err on the large side; they are meant to tell
// "fits easily" from "cannot fit", not to predict the peak to the megabyte.

#include <cstdint>
#include <string>

#include "keniki/core/error.hpp"

namespace keniki {

/// A run that would need more memory than is available. A DataError (exit 1: the input cannot be
/// analysed as it is on this machine); the message names the input or plan key, the estimate and
/// the available memory in MB, and what to change.
class ResourceError : public DataError {
public:
    using DataError::DataError;
};

struct MemoryAvailable {
    std::uint64_t bytes = 0;
    std::string source;  ///< where the figure comes from ("MemAvailable in /proc/meminfo", "KENIKI_MEMORY_LIMIT_MB", ...)
};

/// Memory this process may still use: KENIKI_MEMORY_LIMIT_MB (whole MB; for tests and for sharing a
/// machine) when set; else the smaller of MemAvailable (/proc/meminfo, or free pages from sysconf)
/// and the cgroup v2 limit (memory.max minus memory.current) where one is set. Read once per process.
const MemoryAvailable& available_memory();

/// Rough bytes a whole `keniki run` holds per item (peak, all copies: GDAL, the engine's geometry,
/// GEOS overlays, indexes, outputs). Measured, with a margin; see the .cpp.
namespace memory_cost {
/// per vertex of a polygon or line layer (read, projected, indexed, overlaid, written)
constexpr std::uint64_t per_vertex = 400;
/// per feature of any layer (the feature record, its attribute values, a point's own copies)
constexpr std::uint64_t per_feature = 600;
/// per hub of a tier, beyond its feature: its service-area circle as `vertices_per_circle` GEOS
/// vertices in the union, the catchment figures and the per-hub output rows
constexpr std::uint64_t per_hub_fixed = 1500;
constexpr std::uint64_t per_circle_vertex = 120;
/// per cell of a raster (distance field: a double and labels, plus the contour work)
constexpr std::uint64_t per_raster_cell = 24;
}  // namespace memory_cost

/// Refuses with a ResourceError when `estimate_bytes`, added to what earlier steps of this process
/// reserved (reserve_memory), exceed available_memory().
/// `what`: the thing that is too big, as the user knows it ("the 2 features of 20000000 vertices");
/// `change`: what to do about it ("simplify the outline (e.g. ogr2ogr -simplify 1)").
void check_memory(std::uint64_t estimate_bytes, const std::string& what, const std::string& change, const Where& where);

/// Counts `bytes` as held from now on by this process (an input read), for later checks.
void reserve_memory(std::uint64_t bytes);
/// What reserve_memory has counted so far.
std::uint64_t reserved_memory();

/// MB as printed in messages (rounded up).
std::uint64_t megabytes(std::uint64_t bytes);

}  // namespace keniki
