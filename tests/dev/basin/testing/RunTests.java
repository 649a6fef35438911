package dev.basin.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs test classes without Maven (bin/gpu-check on a machine with only a Java runtime): {@code
 * RunTests CLASS...} prints JUnit's summary and every failure, and exits 0 when every test that
 * ran passed and at least one ran, 1 otherwise.
 */
public final class RunTests {

  private RunTests() {}

  public static void main(String[] args) throws ClassNotFoundException {
    List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
    for (String a : args) {
      selectors.add(selectClass(Class.forName(a)));
    }
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(request, listener);
    TestExecutionSummary s = listener.getSummary();
    PrintWriter out = new PrintWriter(System.out, true);
    s.printTo(out);
    s.printFailuresTo(out, 20);
    boolean ok = s.getTotalFailureCount() == 0 && s.getTestsSucceededCount() > 0;
    System.out.println(ok ? "RESULT passed" : "RESULT failed");
    System.exit(ok ? 0 : 1);
  }
}
