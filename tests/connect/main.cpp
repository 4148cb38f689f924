// The connector tests need a Qt event loop in the main thread (test servers live there) and a
// QCoreApplication for the connectors' threads, as the OBS GUI and the CLI provide one.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QCoreApplication>

int main(int argc, char **argv)
{
	QCoreApplication app(argc, argv);
	return Catch::Session().run(argc, argv);
}
