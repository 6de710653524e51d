#pragma once
// The demo town served once per test program: the model, the API and the HTTP server on a free
// loopback port, in this process.

#include <memory>
#include <string>
#include <thread>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "keniki/project/plan.hpp"
#include "keniki/serve/api.hpp"
#include "keniki/serve/model.hpp"
#include "keniki/serve/server.hpp"
#include "support/test_paths.hpp"

namespace keniki::test {

struct ServedDemo {
    project::Plan plan;
    std::unique_ptr<serve::Model> model;
    std::unique_ptr<serve::Api> api;
    std::unique_ptr<serve::Server> server;
    std::thread thread;
    int port = 0;
    std::filesystem::path out_dir;

    ServedDemo() {
        plan = project::load_plan(source_dir() / "data" / "demo" / "plan.toml");
        model = std::make_unique<serve::Model>(plan);
        out_dir = fresh_temp_dir("keniki-serve-out");
        api = std::make_unique<serve::Api>(*model, serve::ApiOptions{out_dir.string(), std::nullopt});
        serve::ServerOptions o;
        o.port = 0;
        o.web_dir = (source_dir() / "web").string();
        server = std::make_unique<serve::Server>(*api, o);
        port = server->bind();
        thread = std::thread([this] { server->listen(); });
        server->wait_until_ready();
    }
    ~ServedDemo() {
        server->stop();
        thread.join();
    }
    httplib::Client client() const {
        httplib::Client c("127.0.0.1", port);
        c.set_read_timeout(30);
        return c;
    }
};

/// One server for the whole test program (reading and running the demo takes a while).
inline ServedDemo& served_demo() {
    static ServedDemo demo;
    return demo;
}

}  // namespace keniki::test
