#include <cmath>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/crs/working_crs.hpp"

namespace keniki::crs {
namespace {

StudyArea area(double lon_min, double lat_min, double lon_max, double lat_max,
               std::optional<int> municipality = std::nullopt, std::optional<int> prefecture = std::nullopt) {
    StudyArea a;
    a.lon_min = lon_min;
    a.lat_min = lat_min;
    a.lon_max = lon_max;
    a.lat_max = lat_max;
    a.municipality_code = municipality;
    a.prefecture_code = prefecture;
    return a;
}

/// A point-sized study area.
StudyArea at(double lon, double lat, std::optional<int> municipality = std::nullopt) {
    return area(lon, lat, lon, lat, municipality);
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Real extents, read with ogrinfo -so -al:
//   ../shared/data/iizuka/census_small_areas_2020/r2ka40205.shp  (130.558184, 33.503623) - (130.776011, 33.707101)
//   ../shared/data/boundaries/35213.json                        (131.082447, 34.081746) - (131.409617, 34.336731)
//   ../shared/data/osm/kumamoto/chuo_ward_boundary.geojson      (130.685921, 32.769262) - (130.763962, 32.830401)
StudyArea iizuka(std::optional<int> code = std::nullopt) { return area(130.558184, 33.503623, 130.776011, 33.707101, code); }
StudyArea mine(std::optional<int> code = std::nullopt) { return area(131.082447, 34.081746, 131.409617, 34.336731, code); }
StudyArea kumamoto(std::optional<int> code = std::nullopt) {
    return area(130.685921, 32.769262, 130.763962, 32.830401, code);
}

TEST(WorkingCrs, IizukaIsZoneII) {
    for (const auto& a : {iizuka(40205), iizuka()}) {
        const WorkingCrs w = choose_working_crs(a);
        EXPECT_EQ(w.epsg, 6670) << w.reason;
        EXPECT_EQ(w.definition(), "EPSG:6670");
        EXPECT_EQ(w.name, "JGD2011 / Japan Plane Rectangular CS II");
        EXPECT_TRUE(contains(w.reason, "福岡県")) << w.reason;
        EXPECT_TRUE(contains(w.reason, "zone II ")) << w.reason;
    }
    EXPECT_TRUE(contains(choose_working_crs(iizuka(40205)).reason, "municipality code 40205"));
    EXPECT_TRUE(contains(choose_working_crs(iizuka()).reason, "nearest prefectural office"));
}

TEST(WorkingCrs, MineIsZoneIII) {
    for (const auto& a : {mine(35213), mine()}) {
        const WorkingCrs w = choose_working_crs(a);
        EXPECT_EQ(w.epsg, 6671) << w.reason;
        EXPECT_EQ(w.name, "JGD2011 / Japan Plane Rectangular CS III");
        EXPECT_TRUE(contains(w.reason, "山口県 Yamaguchi")) << w.reason;
    }
    const std::string reason = choose_working_crs(mine(35213)).reason;
    EXPECT_TRUE(contains(reason, "prefecture 35 山口県 Yamaguchi (from municipality code 35213)")) << reason;
    EXPECT_TRUE(contains(reason, "zone III (EPSG:6671)")) << reason;
    EXPECT_TRUE(contains(choose_working_crs(mine()).reason, "--crs"));
}

TEST(WorkingCrs, KumamotoIsZoneII) {
    for (const auto& a : {kumamoto(43101), kumamoto()}) {
        const WorkingCrs w = choose_working_crs(a);
        EXPECT_EQ(w.epsg, 6670) << w.reason;
        EXPECT_TRUE(contains(w.reason, "熊本県")) << w.reason;
    }
}

TEST(WorkingCrs, PrefectureCodeAlone) {
    EXPECT_EQ(choose_working_crs(area(131.08, 34.08, 131.41, 34.34, std::nullopt, 35)).epsg, 6671);
    // The code wins over the location: a Yamaguchi code on an extent nearest Fukuoka's office.
    const WorkingCrs w = choose_working_crs(area(130.56, 33.50, 130.78, 33.71, std::nullopt, 35));
    EXPECT_EQ(w.epsg, 6671);
    EXPECT_TRUE(contains(w.reason, "from prefecture code")) << w.reason;
}

TEST(WorkingCrs, OutsideJapanIsUtm) {
    // Liechtenstein
    const WorkingCrs li = choose_working_crs(area(9.47, 47.05, 9.64, 47.27));
    EXPECT_EQ(li.epsg, 32632) << li.reason;
    EXPECT_EQ(li.name, "WGS 84 / UTM zone 32N");
    EXPECT_TRUE(contains(li.reason, "outside Japan")) << li.reason;
    // Cairns, Australia: southern hemisphere
    const WorkingCrs cairns = choose_working_crs(at(145.77, -16.92));
    EXPECT_EQ(cairns.epsg, 32755) << cairns.reason;
    EXPECT_EQ(cairns.name, "WGS 84 / UTM zone 55S");
    // Inside Japan's bounding box, but Korea
    EXPECT_EQ(choose_working_crs(at(126.98, 37.57)).epsg, 32652);  // Seoul
    EXPECT_EQ(choose_working_crs(at(129.07, 35.18)).epsg, 32652);  // Busan
    EXPECT_EQ(choose_working_crs(at(126.53, 33.38)).epsg, 32652);  // Jeju
    // Zone edges and exceptions
    EXPECT_EQ(choose_working_crs(at(-180, 0)).epsg, 32601);
    EXPECT_EQ(choose_working_crs(at(180, -1)).epsg, 32760);
    EXPECT_EQ(choose_working_crs(at(5.32, 60.39)).epsg, 32632);   // Bergen, Norway exception (else 31)
    EXPECT_EQ(choose_working_crs(at(15.6, 78.2)).epsg, 32633);    // Longyearbyen, Svalbard
    EXPECT_EQ(choose_working_crs(at(-0.13, 51.5)).epsg, 32630);   // London
    EXPECT_EQ(choose_working_crs(at(-58.4, -34.6)).epsg, 32721);  // Buenos Aires
    EXPECT_EQ(choose_working_crs(at(0, 89)).epsg, 32661);         // UPS North
}

TEST(WorkingCrs, Hokkaido) {
    EXPECT_EQ(choose_working_crs(at(141.35, 43.06, 1100)).epsg, 6680);  // 札幌市 XII
    EXPECT_EQ(choose_working_crs(at(141.35, 43.06)).epsg, 6680);
    EXPECT_EQ(choose_working_crs(at(140.73, 41.77, 1202)).epsg, 6679);  // 函館市 XI
    EXPECT_EQ(choose_working_crs(at(140.73, 41.77)).epsg, 6679);        // nearer Aomori's office, still Hokkaido
    EXPECT_EQ(choose_working_crs(at(141.00, 43.19)).epsg, 6679);        // 小樽市 XI
    EXPECT_EQ(choose_working_crs(at(140.97, 42.32, 1205)).epsg, 6680);  // 室蘭市 XII
    EXPECT_EQ(choose_working_crs(at(140.97, 42.32)).epsg, 6680);
    EXPECT_EQ(choose_working_crs(at(144.38, 42.98, 1206)).epsg, 6681);  // 釧路市 XIII
    EXPECT_EQ(choose_working_crs(at(144.38, 42.98)).epsg, 6681);
    EXPECT_EQ(choose_working_crs(at(143.20, 42.92)).epsg, 6681);        // 帯広市 XIII
    EXPECT_EQ(choose_working_crs(at(143.35, 44.36, 1219)).epsg, 6680);  // 紋別市 XII
    EXPECT_EQ(choose_working_crs(at(143.35, 44.36)).epsg, 6680);
    EXPECT_EQ(choose_working_crs(at(143.15, 42.02)).epsg, 6680);        // えりも町 XII
    EXPECT_EQ(choose_working_crs(at(141.04, 45.38)).epsg, 6680);        // 礼文町 XII
    EXPECT_EQ(choose_working_crs(at(141.00, 43.0, 1407)).epsg, 6679);   // 仁木町 (後志) XI
    const WorkingCrs by_location = choose_working_crs(at(143.20, 42.92));
    EXPECT_TRUE(contains(by_location.reason, "approximate")) << by_location.reason;
    EXPECT_EQ(choose_working_crs(at(140.91, 41.53)).epsg, 6678);  // 大間町 is Aomori, zone X
}

TEST(WorkingCrs, TokyoOkinawaKagoshimaIslands) {
    EXPECT_EQ(choose_working_crs(at(139.69, 35.69, 13104)).epsg, 6677);  // 新宿区 IX
    EXPECT_EQ(choose_working_crs(at(139.79, 33.11)).epsg, 6677);         // 八丈島 IX (nearer Shizuoka's office)
    EXPECT_EQ(choose_working_crs(at(142.19, 27.09, 13421)).epsg, 6682);  // 父島 XIV
    EXPECT_EQ(choose_working_crs(at(142.19, 27.09)).epsg, 6682);
    EXPECT_EQ(choose_working_crs(at(136.08, 20.43)).epsg, 6686);  // 沖ノ鳥島 XVIII
    EXPECT_EQ(choose_working_crs(at(153.98, 24.29)).epsg, 6687);  // 南鳥島 XIX
    EXPECT_EQ(choose_working_crs(at(127.68, 26.21)).epsg, 6683);  // 那覇 XV
    EXPECT_EQ(choose_working_crs(at(124.16, 24.34, 47207)).epsg, 6684);  // 石垣 XVI
    EXPECT_EQ(choose_working_crs(at(131.24, 25.85)).epsg, 6685);  // 南大東 XVII
    EXPECT_EQ(choose_working_crs(at(129.49, 28.38, 46222)).epsg, 6669);  // 奄美市 I
    EXPECT_EQ(choose_working_crs(at(129.49, 28.38)).epsg, 6669);        // nearer Naha's office, still Kagoshima
    EXPECT_EQ(choose_working_crs(at(130.03, 28.32)).epsg, 6669);        // 喜界島: 奄美群島 to 130°13'E
    EXPECT_EQ(choose_working_crs(at(130.55, 31.60, 46201)).epsg, 6670);  // 鹿児島市 II
    EXPECT_EQ(choose_working_crs(at(130.53, 30.35)).epsg, 6670);        // 屋久島 II
    EXPECT_EQ(choose_working_crs(at(129.33, 34.40)).epsg, 6669);        // 対馬 I (nearer Fukuoka's office)
    EXPECT_EQ(choose_working_crs(at(129.87, 32.75, 42201)).epsg, 6669);  // 長崎市 I
}

TEST(WorkingCrs, EveryZoneNumberMatchesPrefecture) {
    // One municipality per zone-bearing prefecture group, checked against the 告示's table.
    struct Case {
        int pref;
        int zone;
    };
    const Case cases[] = {{2, 10}, {7, 9},  {15, 8}, {16, 7}, {18, 6}, {28, 5},
                          {32, 3}, {36, 4}, {41, 2}, {42, 1}, {22, 8}, {27, 6}};
    for (const Case& c : cases) {
        const WorkingCrs w = choose_working_crs(area(135, 35, 135, 35, std::nullopt, c.pref));
        EXPECT_EQ(w.epsg, 6668 + c.zone) << c.pref << ": " << w.reason;
    }
}

TEST(WorkingCrs, InvalidExtentIsDataError) {
    EXPECT_THROW(choose_working_crs(area(NAN, 33, 131, 34)), DataError);
    EXPECT_THROW(choose_working_crs(area(130, 33, INFINITY, 34)), DataError);
    EXPECT_THROW(choose_working_crs(area(130, 33, 200, 34)), DataError);
    EXPECT_THROW(choose_working_crs(area(130, -95, 131, 34)), DataError);
    EXPECT_THROW(choose_working_crs(area(131, 33, 130, 34)), DataError);  // min > max
    EXPECT_THROW(choose_working_crs(area(130, 34, 131, 33)), DataError);
    // Projected coordinates passed by mistake
    try {
        (void)choose_working_crs(area(-30000, 70000, -20000, 80000));
        FAIL();
    } catch (const DataError& e) {
        EXPECT_TRUE(contains(e.what(), "-30000")) << e.what();
    }
}

TEST(WorkingCrs, InvalidCodesAreDataErrors) {
    EXPECT_THROW(choose_working_crs(iizuka(99999)), DataError);
    EXPECT_THROW(choose_working_crs(iizuka(999)), DataError);
    EXPECT_THROW(choose_working_crs(area(130.56, 33.50, 130.78, 33.71, std::nullopt, 0)), DataError);
    EXPECT_THROW(choose_working_crs(area(130.56, 33.50, 130.78, 33.71, std::nullopt, 48)), DataError);
    EXPECT_THROW(choose_working_crs(area(130.56, 33.50, 130.78, 33.71, 40205, 35)), DataError);  // disagree
    EXPECT_EQ(choose_working_crs(area(130.56, 33.50, 130.78, 33.71, 40205, 40)).epsg, 6670);
}

TEST(PrefectureName, JapaneseAndRomaji) {
    EXPECT_EQ(prefecture_name(35), "山口県 Yamaguchi");
    EXPECT_EQ(prefecture_name(1), "北海道 Hokkaido");
    EXPECT_EQ(prefecture_name(13), "東京都 Tokyo");
    EXPECT_EQ(prefecture_name(47), "沖縄県 Okinawa");
    EXPECT_EQ(prefecture_name(0), "");
    EXPECT_EQ(prefecture_name(48), "");
}

}  // namespace
}  // namespace keniki::crs
