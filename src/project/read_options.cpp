#include "keniki/project/read_options.hpp"

namespace keniki::project {

io::ReadOptions read_options(const LayerRef& ref) {
    io::ReadOptions o;
    o.layer = ref.layer;
    o.where = ref.where;
    o.encoding = ref.encoding;
    o.x_field = ref.x_field;
    o.y_field = ref.y_field;
    o.require_geometry = true;
    return o;
}

}  // namespace keniki::project
