#include "crs/plane_rectangular_zones.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "keniki/core/great_circle.hpp"

namespace keniki::crs::detail {

namespace {

// Prefectural offices (都道府県庁所在地), degrees, from GSI's list of prefectural office positions.
// zone 0: the 告示 splits the prefecture (Hokkaido, Tokyo, Kagoshima, Okinawa).
constexpr std::array<Prefecture, 47> k_prefectures{{
    {1, "北海道", "Hokkaido", 141.3469, 43.0642, 0},
    {2, "青森県", "Aomori", 140.7400, 40.8244, 10},
    {3, "岩手県", "Iwate", 141.1527, 39.7036, 10},
    {4, "宮城県", "Miyagi", 140.8721, 38.2688, 10},
    {5, "秋田県", "Akita", 140.1024, 39.7186, 10},
    {6, "山形県", "Yamagata", 140.3633, 38.2404, 10},
    {7, "福島県", "Fukushima", 140.4676, 37.7503, 9},
    {8, "茨城県", "Ibaraki", 140.4468, 36.3418, 9},
    {9, "栃木県", "Tochigi", 139.8836, 36.5657, 9},
    {10, "群馬県", "Gunma", 139.0608, 36.3911, 9},
    {11, "埼玉県", "Saitama", 139.6489, 35.8570, 9},
    {12, "千葉県", "Chiba", 140.1233, 35.6051, 9},
    {13, "東京都", "Tokyo", 139.6917, 35.6895, 0},
    {14, "神奈川県", "Kanagawa", 139.6425, 35.4478, 9},
    {15, "新潟県", "Niigata", 139.0236, 37.9022, 8},
    {16, "富山県", "Toyama", 137.2113, 36.6953, 7},
    {17, "石川県", "Ishikawa", 136.6256, 36.5947, 7},
    {18, "福井県", "Fukui", 136.2216, 36.0652, 6},
    {19, "山梨県", "Yamanashi", 138.5684, 35.6642, 8},
    {20, "長野県", "Nagano", 138.1810, 36.6513, 8},
    {21, "岐阜県", "Gifu", 136.7223, 35.3912, 7},
    {22, "静岡県", "Shizuoka", 138.3831, 34.9769, 8},
    {23, "愛知県", "Aichi", 136.9066, 35.1802, 7},
    {24, "三重県", "Mie", 136.5086, 34.7303, 6},
    {25, "滋賀県", "Shiga", 135.8686, 35.0045, 6},
    {26, "京都府", "Kyoto", 135.7556, 35.0214, 6},
    {27, "大阪府", "Osaka", 135.5200, 34.6863, 6},
    {28, "兵庫県", "Hyogo", 135.1830, 34.6913, 5},
    {29, "奈良県", "Nara", 135.8328, 34.6851, 6},
    {30, "和歌山県", "Wakayama", 135.1675, 34.2260, 6},
    {31, "鳥取県", "Tottori", 134.2383, 35.5036, 5},
    {32, "島根県", "Shimane", 133.0505, 35.4723, 3},
    {33, "岡山県", "Okayama", 133.9344, 34.6618, 5},
    {34, "広島県", "Hiroshima", 132.4596, 34.3966, 3},
    {35, "山口県", "Yamaguchi", 131.4714, 34.1859, 3},
    {36, "徳島県", "Tokushima", 134.5593, 34.0658, 4},
    {37, "香川県", "Kagawa", 134.0434, 34.3401, 4},
    {38, "愛媛県", "Ehime", 132.7661, 33.8417, 4},
    {39, "高知県", "Kochi", 133.5311, 33.5597, 4},
    {40, "福岡県", "Fukuoka", 130.4181, 33.6064, 2},
    {41, "佐賀県", "Saga", 130.2988, 33.2494, 2},
    {42, "長崎県", "Nagasaki", 129.8737, 32.7448, 1},
    {43, "熊本県", "Kumamoto", 130.7417, 32.7898, 2},
    {44, "大分県", "Oita", 131.6126, 33.2382, 2},
    {45, "宮崎県", "Miyazaki", 131.4239, 31.9111, 2},
    {46, "鹿児島県", "Kagoshima", 130.5581, 31.5602, 0},
    {47, "沖縄県", "Okinawa", 127.6809, 26.2124, 0},
}};

constexpr int k_hokkaido = 1, k_tokyo = 13, k_nagasaki = 42, k_kagoshima = 46, k_okinawa = 47;

struct CodeRange {
    int first, last;  // inclusive JIS X 0402 codes
};

// Zone XI: 小樽市 函館市 伊達市 北斗市, 後志総合振興局, 胆振のうち豊浦町・壮瞥町・洞爺湖町, 渡島総合振興局,
// 檜山振興局. Subprefecture town and village codes run in blocks.
constexpr std::array<CodeRange, 10> k_zone_xi{{
    {1202, 1202},  // 函館市
    {1203, 1203},  // 小樽市
    {1233, 1233},  // 伊達市
    {1236, 1236},  // 北斗市
    {1331, 1347},  // 渡島: 松前町 .. 長万部町
    {1361, 1371},  // 檜山: 江差町 .. せたな町
    {1391, 1409},  // 後志: 島牧村 .. 赤井川村
    {1571, 1571},  // 豊浦町
    {1575, 1575},  // 壮瞥町
    {1584, 1584},  // 洞爺湖町
}};

// Zone XIII: 北見市 帯広市 釧路市 網走市 根室市, オホーツクのうち美幌町 津別町 斜里町 清里町 小清水町 訓子府町
// 置戸町 佐呂間町 大空町, 十勝総合振興局, 釧路総合振興局, 根室振興局.
constexpr std::array<CodeRange, 17> k_zone_xiii{{
    {1206, 1206},  // 釧路市
    {1207, 1207},  // 帯広市
    {1208, 1208},  // 北見市
    {1211, 1211},  // 網走市
    {1223, 1223},  // 根室市
    {1543, 1543},  // 美幌町
    {1544, 1544},  // 津別町
    {1545, 1545},  // 斜里町
    {1546, 1546},  // 清里町
    {1547, 1547},  // 小清水町
    {1549, 1549},  // 訓子府町
    {1550, 1550},  // 置戸町
    {1552, 1552},  // 佐呂間町
    {1564, 1564},  // 大空町
    {1631, 1649},  // 十勝: 音更町 .. 浦幌町
    {1661, 1668},  // 釧路: 釧路町 .. 白糠町
    {1691, 1700},  // 根室: 別海町 .. 蘂取村
}};

template <std::size_t N>
bool in_ranges(const std::array<CodeRange, N>& ranges, int code) {
    return std::any_of(ranges.begin(), ranges.end(), [code](const CodeRange& r) { return code >= r.first && code <= r.last; });
}

// Hokkaido's zones follow subprefecture borders; from a location alone they are approximated with a few
// cut-offs along those borders (checked against the positions of the border municipalities):
// XI  south of 43.45°N: west of 140.95°E (渡島, 檜山, 後志 and 伊達/洞爺湖/豊浦; 室蘭 at 140.97°E is
//     XII), and 後志's 小樽・余市・赤井川 up to 141.2°E north of 42.8°N;
// XIII east of 143.75°E, and east of 142.75°E (十勝's western border, the 日高山脈) except
//     日高 south of 42.6°N up to 143.25°E (えりも XII, 広尾 XIII) and, north of 43.7°N, 上川 and
//     オホーツク's 遠軽・紋別・湧別 (XII) apart from 北見・置戸・訓子府 (143.3°E+, south of 43.95°N, XIII).
int hokkaido_zone_by_location(double lon, double lat) {
    if (lat < 43.45) {  // 積丹岬 is at 43.37°N; 礼文・利尻 further north (141.0-141.3°E) are XII
        if (lon < 140.95) return 11;
        if (lon < 141.2 && lat > 42.8) return 11;
    }
    if (lon >= 143.75) return 13;
    if (lon >= 142.75) {
        if (lat >= 43.7) return (lon >= 143.3 && lat < 43.95) ? 13 : 12;
        if (lat < 42.6 && lon < 143.25) return 12;
        return 13;
    }
    return 12;
}

// Zone I takes Kagoshima's islands in the box 27°N..32°N, 128°18'E..130°E (the 奄美群島 up to 130°13'E).
bool in_kagoshima_zone_i_box(double lon, double lat) {
    if (lat < 27.0 || lat > 32.0 || lon < 128.3) return false;
    const bool amami = lat < 28.6;
    return lon <= (amami ? 130.0 + 13.0 / 60.0 : 130.0);
}

struct Box {
    double lon_min, lon_max, lat_min, lat_max;
    bool contains(double lon, double lat) const {
        return lon >= lon_min && lon <= lon_max && lat >= lat_min && lat <= lat_max;
    }
};

// Japan's rough bounding box, and the parts of it that are Korea, China or Russia (coarse: they only
// keep foreign study areas from getting a Japanese zone; Japanese islands stay outside them).
constexpr Box k_japan_box{122.0, 154.0, 20.0, 46.0};
constexpr std::array<Box, 7> k_not_japan{{
    {122.0, 123.0, 26.0, 46.0},   // Chinese coast, Shandong, Liaodong (与那国 is south of 26°N)
    {122.0, 127.5, 32.5, 46.0},   // Yellow Sea, Jeju, Korea's west
    {122.0, 129.1, 33.35, 46.0},  // Korea's south coast (宇久島 and 五島 are south of 33.35°N)
    {122.0, 129.6, 34.75, 46.0},  // Busan and Korea's east coast (対馬 ends at 34.72°N)
    {122.0, 138.8, 38.6, 46.0},   // North Korea, Primorye (佐渡 ends at 38.35°N)
    {141.5, 143.7, 45.6, 46.0},   // Sakhalin's southern tip (宗谷岬 is at 45.52°N)
    {130.75, 131.0, 37.4, 37.6},  // Ulleungdo
}};

bool in_japan(double lon, double lat) {
    if (!k_japan_box.contains(lon, lat)) return false;
    return std::none_of(k_not_japan.begin(), k_not_japan.end(), [&](const Box& b) { return b.contains(lon, lat); });
}

// Islands whose nearest prefectural office is in another prefecture, with a zone of their own
// or a different zone from that neighbour.
struct IslandBox {
    Box box;
    int prefecture;
    const char* what;
};
constexpr std::array<IslandBox, 5> k_island_boxes{{
    {{135.0, 154.0, 20.0, 28.0}, k_tokyo, "Tokyo's remote islands south of 28°N (小笠原, 沖ノ鳥島, 南鳥島)"},
    {{139.1, 140.4, 29.5, 34.82}, k_tokyo, "the Izu islands (伊豆諸島)"},
    {{129.1, 129.55, 34.0, 34.75}, k_nagasaki, "Tsushima (対馬)"},
    {{129.6, 129.82, 33.68, 33.88}, k_nagasaki, "Iki (壱岐)"},
    {{128.3, 130.0 + 13.0 / 60.0, 27.0, 32.0}, k_kagoshima, "Kagoshima's south-west islands (薩南諸島, 奄美群島)"},
}};

// Hokkaido across the Tsugaru strait: north of 41.65°N, or north of 41.33°N west of 140.6°E
// (松前 and 白神岬, while 大間 at 41.53°N, 140.91°E is Aomori).
bool in_hokkaido(double lon, double lat) { return lat > 41.65 || (lat > 41.33 && lon < 140.6); }

}  // namespace

std::span<const Prefecture> prefectures() { return k_prefectures; }

const Prefecture* find_prefecture(int code) {
    if (code < 1 || code > static_cast<int>(k_prefectures.size())) return nullptr;
    return &k_prefectures[static_cast<std::size_t>(code - 1)];
}

std::string roman(int zone) {
    static constexpr std::array<const char*, 19> numerals{"I",   "II",   "III",  "IV",  "V",    "VI",  "VII",
                                                          "VIII", "IX",  "X",    "XI",  "XII",  "XIII", "XIV",
                                                          "XV",   "XVI", "XVII", "XVIII", "XIX"};
    if (zone < 1 || zone > 19) return std::to_string(zone);
    return numerals[static_cast<std::size_t>(zone - 1)];
}

ZoneChoice plane_rectangular_zone(int prefecture_code, std::optional<int> municipality_code, double lon, double lat) {
    const Prefecture* pref = find_prefecture(prefecture_code);
    if (!pref) return {};
    if (pref->zone != 0) return {pref->zone, ""};

    switch (prefecture_code) {
        case k_hokkaido:
            if (municipality_code) {
                if (in_ranges(k_zone_xi, *municipality_code)) return {11, "municipality listed in zone XI by the 告示"};
                if (in_ranges(k_zone_xiii, *municipality_code))
                    return {13, "municipality listed in zone XIII by the 告示"};
                return {12, "municipality in neither zone XI's nor zone XIII's list of the 告示"};
            }
            return {hokkaido_zone_by_location(lon, lat),
                    "approximate, by longitude and latitude of the centre (Hokkaido's zones follow subprefecture "
                    "borders; a municipality code settles it)"};
        case k_tokyo:
            // 北緯28度から南: XVIII west of 140°30'E, XIV to 143°E, XIX east of it; IX for the rest.
            if (lat > 28.0) return {9, "north of 28°N"};
            if (lon < 140.5) return {18, "south of 28°N, west of 140°30'E (沖ノ鳥島)"};
            if (lon <= 143.0) return {14, "south of 28°N, between 140°30'E and 143°E (小笠原)"};
            return {19, "south of 28°N, east of 143°E (南鳥島)"};
        case k_kagoshima:
            if (in_kagoshima_zone_i_box(lon, lat))
                return {1, "centre in the 告示's box 27°N-32°N, 128°18'E-130°E (奄美群島 to 130°13'E)"};
            return {2, "centre outside the 告示's box for Kagoshima's south-west islands"};
        case k_okinawa:
            if (lon < 126.0) return {16, "west of 126°E (先島諸島)"};
            if (lon <= 130.0) return {15, "between 126°E and 130°E"};
            return {17, "east of 130°E (大東諸島)"};
        default:
            return {};
    }
}

LocatedPrefecture locate_prefecture(double lon, double lat) {
    LocatedPrefecture out;
    if (!in_japan(lon, lat)) return out;
    for (const IslandBox& island : k_island_boxes) {
        if (island.box.contains(lon, lat)) {
            out.prefecture = find_prefecture(island.prefecture);
            out.how = std::string("is in ") + island.what;
            return out;
        }
    }
    if (in_hokkaido(lon, lat)) {
        out.prefecture = find_prefecture(k_hokkaido);
        out.how = "is north of the Tsugaru strait";
        return out;
    }
    double best = 0;
    for (const Prefecture& p : k_prefectures) {
        if (p.code == k_hokkaido) continue;  // decided above: 函館 is nearer to Aomori's office than to Sapporo's
        const double km = great_circle_m(lon, lat, p.office_lon, p.office_lat) / 1000.0;
        if (!out.prefecture || km < best) {
            out.prefecture = &p;
            best = km;
        }
    }
    out.office_km = best;
    out.by_office = true;
    out.how = "is nearest to this prefectural office";
    return out;
}

}  // namespace keniki::crs::detail
