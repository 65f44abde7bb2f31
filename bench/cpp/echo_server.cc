// cpp-echo-server --port N: the gRPC C++ 1.51 reference for `make bench`, serving bench.Echo/Unary
// with the callback API (Debian's libgrpc++-dev). Generated code for proto/bench/echo.proto is
// produced by protoc + grpc_cpp_plugin into a scratch directory by bench/run.py, not committed.
#include <grpcpp/grpcpp.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "echo.grpc.pb.h"

namespace {

class EchoService final : public bench::Echo::CallbackService {
    grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, const bench::Msg* request,
                                    bench::Msg* reply) override {
        reply->set_payload(request->payload());
        auto* reactor = context->DefaultReactor();
        reactor->Finish(grpc::Status::OK);
        return reactor;
    }
};

}  // namespace

int main(int argc, char** argv) {
    int port = 50051;
    for (int i = 1; i < argc; i++) {
        if (std::strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = std::atoi(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: cpp-echo-server [--port N]\n");
            return 2;
        }
    }
    // Block the shutdown signals in every thread gRPC starts; one thread waits for them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    EchoService service;
    int bound_port = 0;
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:" + std::to_string(port), grpc::InsecureServerCredentials(),
                             &bound_port);
    builder.RegisterService(&service);
    std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
    if (!server || bound_port == 0) {
        std::fprintf(stderr, "cpp-echo-server: cannot listen on port %d\n", port);
        return 1;
    }
    std::printf("cpp-echo-server listening on 127.0.0.1:%d\n", bound_port);
    std::fflush(stdout);

    std::thread waiter([&] {
        int received = 0;
        sigwait(&signals, &received);
        server->Shutdown();
    });
    server->Wait();
    waiter.join();
    return 0;
}
