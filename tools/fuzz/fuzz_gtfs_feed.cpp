// libFuzzer target: a whole GTFS feed — transit::load_feed over a folder (every file, references
// between them, stop_sequence grouping, time interpolation, frequencies), then what a run does next
// with it: the typical weekday, each stop's service level that day, and the router on that day
// (timetable, a RAPTOR search, a hub's range searches and a round trip).
//
// Input: the feed's files one after the other, each introduced by a line "==> name <==" (the way
// `head` prints several files), e.g.
//   ==> stops.txt <==
//   stop_id,stop_name,stop_lat,stop_lon
//   ...
//   ==> stop_times.txt <==
//   ...
// A name may hold one sub-folder ("feed/stops.txt"); other names are ignored. Text before the first
// marker is ignored.

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "fuzz_support.hpp"
#include "keniki/core/error.hpp"
#include "keniki/transit/feed.hpp"
#include "keniki/transit/raptor.hpp"
#include "keniki/transit/round_trip.hpp"
#include "keniki/transit/timetable.hpp"
#include "keniki/transit/service_day.hpp"
#include "keniki/transit/stop_service.hpp"

namespace {

namespace fs = std::filesystem;

/// "stops.txt", "feed/stops.txt": letters, digits, '_', '-', '.'; at most one '/'; no "..".
bool acceptable_name(std::string_view name) {
    if (name.empty() || name.size() > 64 || name.find("..") != std::string_view::npos || name.front() == '/' ||
        name.back() == '/')
        return false;
    int slashes = 0;
    for (char c : name) {
        if (c == '/') ++slashes;
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.'))
            return false;
    }
    return slashes <= 1;
}

/// Writes the sections of `input` as files under `dir`.
void write_feed(std::string_view input, const fs::path& dir) {
    constexpr std::string_view open = "==> ", close = " <==";
    std::string_view name;
    std::size_t body = std::string_view::npos;
    auto flush = [&](std::size_t end) {
        if (body == std::string_view::npos || !acceptable_name(name)) return;
        const fs::path file = dir / fs::path(std::string(name));
        fs::create_directories(file.parent_path());
        std::error_code ec;
        if (fs::is_directory(file, ec)) return;
        keniki::fuzz::write_file(file, input.substr(body, end - body));
    };
    std::size_t pos = 0;
    while (pos < input.size()) {
        std::size_t eol = input.find('\n', pos);
        const std::size_t next = eol == std::string_view::npos ? input.size() : eol + 1;
        if (eol == std::string_view::npos) eol = input.size();
        std::string_view line = input.substr(pos, eol - pos);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.size() > open.size() + close.size() && line.substr(0, open.size()) == open &&
            line.substr(line.size() - close.size()) == close) {
            flush(pos);
            name = line.substr(open.size(), line.size() - open.size() - close.size());
            body = next;
        }
        pos = next;
    }
    flush(input.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace keniki::transit;
    const fs::path dir = keniki::fuzz::scratch_dir() / "feed";
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    write_feed(keniki::fuzz::as_view(data, size), dir);
    try {
        const std::array<Feed, 1> feeds{load_feed(dir.string())};
        const ServiceDay day = typical_service_day(std::span<const Feed>(feeds), DayKind::weekday);
        (void)stop_service(std::span<const Feed>(feeds), day.date);
        // The router on the same day: its timetable (patterns, overnight runs, frequencies), a search
        // from the first stop with service, and a hub's two range searches there.
        Timetable tt = build_timetable(std::span<const Feed>(feeds), day.date);
        std::vector<std::vector<Footpath>> walks(tt.stops.size());
        for (std::uint32_t s = 0; s + 1 < tt.stops.size(); ++s) walks[s].push_back({s + 1, 60});
        tt.set_footpaths(walks);
        const Timetable back = reversed(tt);
        for (std::uint32_t s = 0; s < tt.stops.size(); ++s) {
            if (!tt.stops[s].departures) continue;
            Raptor raptor(tt, RaptorOptions{2, k_never});
            const RaptorSource src{s, 6 * 3600};
            raptor.run(std::span(&src, 1));
            RoundTripOptions o;
            const StopWalk hub{s, 0};
            const HubProfile p = hub_profile(tt, back, std::span(&hub, 1), o);
            (void)round_trip(p, std::span(&hub, 1), k_never, o);
            break;
        }
    } catch (const keniki::Error&) {
    }
    return 0;
}
