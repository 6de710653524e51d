#include <algorithm>

#include "keniki/project/plan.hpp"

namespace keniki::project {

namespace {
std::string describe_all(const std::vector<PlanProblem>& problems) {
    std::string out;
    for (const auto& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.describe();
    }
    return out.empty() ? std::string("the plan has problems") : out;
}
}  // namespace

std::string PlanProblem::describe() const {
    std::string out = file;
    if (line > 0) out += (out.empty() ? "line " : ":") + std::to_string(line);
    if (!out.empty()) out += ": ";
    return out + message;
}

PlanError::PlanError(std::vector<PlanProblem> problems) : UsageError(describe_all(problems)), m_problems(std::move(problems)) {}

int Plan::line_of(std::string_view key, int fallback) const {
    const auto it = key_lines.find(key);
    return it == key_lines.end() ? fallback : it->second;
}

}  // namespace keniki::project
