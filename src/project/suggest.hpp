#pragma once
// "Did you mean" for misspelt keys, values and field names in a plan.

#include <string>
#include <string_view>
#include <vector>

namespace keniki::project::detail {

/// Edit distance counting an adjacent transposition as one edit ("meters" -> "metres" is 1),
/// on bytes, case-insensitively for ASCII.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `wrong`, when it is close enough to be a likely typo (at most 1 edit for
/// short words, 2 for words of 5+ characters, 3 for 9+); empty otherwise.
std::string closest(std::string_view wrong, const std::vector<std::string>& candidates);

/// " (did you mean 'x'?)" or "" — `quote` is the quote character used around x.
std::string did_you_mean(std::string_view wrong, const std::vector<std::string>& candidates, char quote = '\'');

/// "a, b, c" (each quoted with `quote` when given).
std::string join(const std::vector<std::string>& items, char quote = '\0');

}  // namespace keniki::project::detail
