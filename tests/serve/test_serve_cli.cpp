// `keniki serve` on the command line: usage errors exit 2 naming the option; listening beyond
// loopback is said loudly.

#include <gtest/gtest.h>

#include "serve/serve_process.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {
namespace {

std::string demo_plan() { return shell_quote((source_dir() / "data" / "demo" / "plan.toml").string()); }

TEST(ServeCli, UsageErrorsExitTwoNamingTheOption) {
    auto r = run_keniki("serve");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("one plan file"), std::string::npos) << r.err;
    r = run_keniki("serve " + demo_plan() + " --port http");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--port must be a port number 0-65535, not 'http'"), std::string::npos) << r.err;
    r = run_keniki("serve " + demo_plan() + " --max-body 10");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--max-body must be a number of bytes"), std::string::npos) << r.err;
    r = run_keniki("serve " + demo_plan() + " --out /no/such/dir");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--out /no/such/dir is not a directory"), std::string::npos) << r.err;
    r = run_keniki("serve --help");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("POST /api/scenario"), std::string::npos);
}

TEST(ServeCli, ListeningBeyondLoopbackIsSaidLoudly) {
    {
        ServeProcess everyone("--host 0.0.0.0");
        EXPECT_NE(everyone.first_line.find("http://0.0.0.0:"), std::string::npos) << everyone.first_line;
        const std::string err = everyone.err();  // written before the address line
        EXPECT_NE(err.find("WARNING: listening on 0.0.0.0:"), std::string::npos) << err;
        EXPECT_NE(err.find("NOT loopback only"), std::string::npos) << err;
    }
    // On loopback (the default) nothing is said.
    ServeProcess loopback("");
    EXPECT_NE(loopback.first_line.find("http://127.0.0.1:"), std::string::npos) << loopback.first_line;
    EXPECT_EQ(loopback.err(), "");
}

}  // namespace
}  // namespace keniki::test
