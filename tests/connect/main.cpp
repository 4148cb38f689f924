// The connector tests run a Qt event loop in the main thread: the raw TCP test servers (QTcpServer) and the
// CLI processes (QProcess) live there. The WebSocket connector itself needs no Qt.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

#include "support.hpp"

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	const int failed = Catch::Session().run(argc, argv);
	testing::removeTempDirs();
	return failed;
}
