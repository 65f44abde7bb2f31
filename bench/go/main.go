// go-echo-server --port N: the grpc-go 1.33 reference for `make bench`, serving bench.Echo/Unary.
// Built offline in GOPATH mode against Debian's golang-google-grpc-dev; bench/run.py
// generates echopb from proto/bench/echo.proto with Debian's protoc-gen-go 1.3 (plugins=grpc).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"
	"syscall"

	"google.golang.org/grpc"

	pb "benchecho/echopb"
)

type echoServer struct{}

func (echoServer) Unary(_ context.Context, in *pb.Msg) (*pb.Msg, error) { return in, nil }

func main() {
	port := flag.Int("port", 50051, "port (0 picks one)")
	flag.Parse()
	listener, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", *port))
	if err != nil {
		log.Fatalf("go-echo-server: %v", err)
	}
	server := grpc.NewServer()
	pb.RegisterEchoServer(server, echoServer{})
	fmt.Printf("go-echo-server listening on %s\n", listener.Addr())
	os.Stdout.Sync()
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	go func() { <-signals; server.Stop() }()
	if err := server.Serve(listener); err != nil && err != grpc.ErrServerStopped {
		log.Fatalf("go-echo-server: %v", err)
	}
}
