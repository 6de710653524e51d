// The GTFS CSV reader (RFC 4180) and the GTFS time and date fields, on small texts written here.

#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "keniki/core/error.hpp"
#include "keniki/transit/csv.hpp"
#include "keniki/transit/date.hpp"

namespace {

using keniki::DataError;
using keniki::transit::CsvReader;
using keniki::transit::CsvTable;
using keniki::transit::Date;
using keniki::transit::format_gtfs_time;
using keniki::transit::parse_gtfs_time;

/// All records of a text, as owned strings, with the line each starts on.
struct Parsed {
    std::vector<std::vector<std::string>> records;
    std::vector<std::int64_t> lines;
};

Parsed parse_all(std::string_view text) {
    CsvReader reader(text, "test.txt");
    Parsed p;
    std::vector<std::string_view> fields;
    while (reader.next(fields)) {
        p.records.emplace_back(fields.begin(), fields.end());
        p.lines.push_back(reader.line());
    }
    return p;
}

using Rec = std::vector<std::string>;

TEST(Csv, PlainRecordsWithLfAndFinalNewline) {
    const auto p = parse_all("a,b,c\n1,2,3\n");
    ASSERT_EQ(p.records.size(), 2u);
    EXPECT_EQ(p.records[0], (Rec{"a", "b", "c"}));
    EXPECT_EQ(p.records[1], (Rec{"1", "2", "3"}));
    EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 2}));
}

TEST(Csv, CrlfBomAndNoFinalNewlineGiveTheSameRecords) {
    const auto lf = parse_all("a,b\n1,2\n3,4\n");
    const auto crlf = parse_all("\xEF\xBB\xBF" "a,b\r\n1,2\r\n3,4");
    EXPECT_EQ(lf.records, crlf.records);
    EXPECT_EQ(crlf.records[0][0], "a");  // the BOM is not part of the first header name
    EXPECT_EQ(crlf.records[2], (Rec{"3", "4"}));
}

TEST(Csv, QuotesDoubledQuotesAndCommasInsideQuotes) {
    const auto p = parse_all("name,desc\n\"Hall \"\"North\"\", Gate\",\"a, b\"\n\"\",x\n");
    ASSERT_EQ(p.records.size(), 3u);
    EXPECT_EQ(p.records[1], (Rec{"Hall \"North\", Gate", "a, b"}));
    EXPECT_EQ(p.records[2], (Rec{"", "x"}));
}

TEST(Csv, QuotedFieldSpanningLinesKeepsLineNumbersRight) {
    // Record 2 starts on line 2 and runs to line 4 (CRLF inside the quotes is kept as it is).
    const auto p = parse_all("id,text\r\n1,\"one\r\ntwo\r\nthree\"\r\n2,after\r\n");
    ASSERT_EQ(p.records.size(), 3u);
    EXPECT_EQ(p.records[1][1], "one\r\ntwo\r\nthree");
    EXPECT_EQ(p.lines, (std::vector<std::int64_t>{1, 2, 5}));
}

TEST(Csv, EmptyFieldsTrailingCommaAndBlankLines) {
    const auto p = parse_all("a,b,c\n,,\n\n   \n1,,\n");
    ASSERT_EQ(p.records.size(), 3u);
    EXPECT_EQ(p.records[1], (Rec{"", "", ""}));
    EXPECT_EQ(p.records[2], (Rec{"1", "", ""}));
    EXPECT_EQ(p.lines[2], 5);  // blank lines are skipped but still counted
}

TEST(Csv, SpacesAroundUnquotedFieldsAreTrimmed) {
    const auto p = parse_all("a , b\n 08:00:00 ,\" x \"\n");
    EXPECT_EQ(p.records[0], (Rec{"a", "b"}));
    EXPECT_EQ(p.records[1], (Rec{"08:00:00", " x "}));
}

TEST(Csv, UnterminatedQuoteNamesTheLineWhereTheFieldStarts) {
    try {
        parse_all("a,b\n1,2\n3,\"never closed\n4,5\n");
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().file, "test.txt");
        EXPECT_EQ(e.where().line, 3);
    }
}

TEST(Csv, TableFindsColumnsByNameAndReportsMissingOnes) {
    const std::string text = "\xEF\xBB\xBF" "Stop_ID, stop_name\r\nS1,Town Hall\r\nS2";
    CsvTable t(text, "stops.txt");
    ASSERT_TRUE(t.column("stop_id"));
    EXPECT_EQ(*t.column("stop_id"), 0u);
    EXPECT_EQ(*t.column("stop_name"), 1u);
    EXPECT_FALSE(t.column("stop_lat"));
    try {
        t.require_column("stop_lat");
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().field, "stop_lat");
        EXPECT_EQ(e.where().file, "stops.txt");
    }
    ASSERT_TRUE(t.next());
    EXPECT_EQ(t[0], "S1");
    EXPECT_EQ(t[1], "Town Hall");
    ASSERT_TRUE(t.next());
    EXPECT_EQ(t.line(), 3);
    EXPECT_EQ(t[0], "S2");
    // A short record: optional access reads the missing field as empty, required access refuses
    // the row with its line and both field counts.
    EXPECT_EQ(t.get(std::size_t{1}), "");
    try {
        (void)t[1];
        FAIL() << "expected DataError";
    } catch (const DataError& e) {
        EXPECT_EQ(e.where().line, 3);
        EXPECT_EQ(e.where().field, "stop_name");
        EXPECT_EQ(e.message(), "the row is short: it has 1 field, the header (line 1) has 2 (no value for 'stop_name')");
    }
    EXPECT_FALSE(t.next());
}

TEST(Csv, EmptyFileIsADataError) { EXPECT_THROW(CsvTable("", "x.txt"), DataError); }

TEST(GtfsTime, ParsesOneToThreeHourDigitsAndPastMidnight) {
    EXPECT_EQ(parse_gtfs_time("08:05:09"), 8 * 3600 + 5 * 60 + 9);
    EXPECT_EQ(parse_gtfs_time("6:52:00"), 6 * 3600 + 52 * 60);
    EXPECT_EQ(parse_gtfs_time("25:10:00"), 25 * 3600 + 10 * 60);
    EXPECT_EQ(parse_gtfs_time("00:00:00"), 0);
    EXPECT_EQ(parse_gtfs_time(" 7:00:00 "), 7 * 3600);
    EXPECT_EQ(parse_gtfs_time("100:00:00"), 100 * 3600);
}

TEST(GtfsTime, RejectsMalformedTimes) {
    for (const char* bad : {"25:61:00", "10:00:60", "abc", "", "8:5:00", "08:00", "08-00-00", "08:00:00:00", ":10:00", "1000:00:00", "-1:00:00"})
        EXPECT_FALSE(parse_gtfs_time(bad)) << bad;
}

TEST(GtfsTime, FormatsPastMidnight) {
    EXPECT_EQ(format_gtfs_time(25 * 3600 + 10 * 60 + 5), "25:10:05");
    EXPECT_EQ(format_gtfs_time(0), "00:00:00");
    EXPECT_EQ(format_gtfs_time(keniki::transit::k_no_time), "");
}

TEST(GtfsDate, ParsesValidatesAndKnowsTheWeekday) {
    const auto d = Date::parse("20260401");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->iso(), "2026-04-01");
    EXPECT_EQ(d->to_string(), "20260401");
    EXPECT_EQ(d->weekday(), 2);  // a Wednesday (calendar: April 1st 2026)
    EXPECT_EQ(d->weekday_name(), "Wed");
    EXPECT_EQ((*d + 4).weekday_name(), "Sun");
    EXPECT_EQ(Date::parse("19700101")->days_since_epoch(), 0);
    EXPECT_EQ(Date::parse("19691231")->days_since_epoch(), -1);
    EXPECT_EQ(Date::parse("19691231")->weekday_name(), "Wed");
    EXPECT_EQ(Date::parse("20240229")->iso(), "2024-02-29");
    EXPECT_FALSE(Date::parse("20260230"));
    EXPECT_FALSE(Date::parse("2026-04-01"));
    EXPECT_FALSE(Date::parse("2026041"));
    EXPECT_FALSE(Date::parse("2026041a"));
}

}  // namespace
