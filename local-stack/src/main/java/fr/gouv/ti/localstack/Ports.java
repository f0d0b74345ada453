package fr.gouv.ti.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class Ports {

    private Ports() {
    }

    /** Fails with one message naming every port already taken and the variable that moves it. */
    static void requireFree(Map<String, Integer> ports) {
        List<String> taken = new ArrayList<>();
        ports.forEach((owner, port) -> {
            if (!isFree(port)) {
                taken.add("port " + port + " for " + owner);
            }
        });
        if (!taken.isEmpty()) {
            throw new StackException("already in use: " + String.join(", ", taken)
                    + ". Stop what uses it (is the suite already running?) or choose another port with the variable named.");
        }
    }

    static boolean isFree(int port) {
        for (String host : new String[]{"127.0.0.1", "0.0.0.0"}) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
