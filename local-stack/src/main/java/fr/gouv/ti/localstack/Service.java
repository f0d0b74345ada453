package fr.gouv.ti.localstack;

/** The six applications of the suite, in start order, with their default ports. */
enum Service {
    TERRITORY("territory-service", 8081, "territory"),
    MEASURE("measure-service", 8083, "measure"),
    CONTRACT("contract-service", 8082, "contract"),
    FUNDING("funding-service", 8084, "funding"),
    WEBHOOK("webhook-service", 8085, "webhook"),
    GATEWAY("gateway", 8080, "gateway");

    private final String module;
    private final int defaultPort;
    private final String database;

    Service(String module, int defaultPort, String database) {
        this.module = module;
        this.defaultPort = defaultPort;
        this.database = database;
    }

    String module() {
        return module;
    }

    int defaultPort() {
        return defaultPort;
    }

    String database() {
        return database;
    }

    static Service byModule(String module) {
        for (Service s : values()) {
            if (s.module.equals(module)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no app " + module);
    }
}
