#pragma once
// A plan's layer reference as the readers take it: one translation, used by the plan check (schemas)
// and the pipeline (layers).

#include "keniki/io/read_layer.hpp"
#include "keniki/project/plan.hpp"

namespace keniki::project {

/// The reader options for `ref` (features without geometry are refused unless the caller says so).
io::ReadOptions read_options(const LayerRef& ref);

}  // namespace keniki::project
