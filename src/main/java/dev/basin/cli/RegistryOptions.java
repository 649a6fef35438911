package dev.basin.cli;

import dev.basin.measure.Measure;
import dev.basin.measure.MeasureOption;
import dev.basin.measure.MeasureSettings;
import dev.basin.measure.Measures;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Adds {@code --measures} and every option of the measure registry (spec MEASURE-REGISTRY) to a
 * command, with the registry's defaults and descriptions, and a footer that lists each measure
 * with its spec IDs and cost; reads them back as {@link MeasureSettings}.
 */
public class RegistryOptions implements IModelTransformer {

  /** The option that selects measures. */
  static final String MEASURES = "--measures";

  private final List<Measure> measures;
  private final boolean selectable;
  private final MeasureSettings defaults;

  /** {@code basin measure}: every measure, selected with --measures, at the registry's defaults. */
  public RegistryOptions() {
    this(Measures.all(), true, MeasureSettings.defaults());
  }

  /**
   * The options of the given measures with these defaults; selectable: whether --measures chooses
   * among them (else they all run).
   */
  RegistryOptions(List<Measure> measures, boolean selectable, MeasureSettings defaults) {
    this.measures = List.copyOf(measures);
    this.selectable = selectable;
    this.defaults = defaults;
  }

  @Override
  public CommandSpec transform(CommandSpec spec) {
    if (selectable) {
      spec.addOption(OptionSpec.builder(MEASURES).type(List.class).auxiliaryTypes(String.class).splitRegex(",")
          .paramLabel("LIST").defaultValue(Measures.ids(Measures.defaults()))
          .description("Comma-separated measures (default ${DEFAULT-VALUE}); all: " + Measures.ids(measures)
              + ". Each is listed below with its cost.").build());
    }
    for (MeasureOption<?> o : Measures.options(measures)) {
      OptionSpec.Builder b = OptionSpec.builder(o.name()).type(primitive(o.type())).description(literal(o.description())
          + (o.type() == Boolean.class ? "" : " Default: ${DEFAULT-VALUE}."));
      if (o.type() != Boolean.class) {
        b.paramLabel(o.label()).defaultValue(String.valueOf(defaults.get(o)));
      }
      spec.addOption(b.build());
    }
    List<String> footer = new ArrayList<>(List.of("", selectable
        ? "Measures (* = run by default; cost in passes over the data):" : "What it computes (cost in passes over the data):"));
    for (Measure m : measures) {
      footer.add(literal(String.format(java.util.Locale.ROOT, "  %s%-13s %s [%s]", selectable && m.byDefault() ? "*" : " ",
          m.id(), m.title(), m.spec())));
      footer.add("                 cost: " + literal(m.cost()));
    }
    spec.usageMessage().footer(footer.toArray(String[]::new));
    return spec;
  }

  /** The selected measures. */
  static List<Measure> selected(CommandSpec spec) {
    List<String> ids = spec.findOption(MEASURES).getValue();
    return Measures.select(ids == null ? List.of() : ids);
  }

  /** The registry options the command has, as parsed (validated here); the others at the registry's defaults. */
  static MeasureSettings settings(CommandSpec spec) {
    MeasureSettings s = MeasureSettings.defaults();
    for (MeasureOption<?> o : Measures.options(Measures.all())) {
      OptionSpec given = spec.findOption(o.name());
      Object v = given == null ? null : given.getValue();
      if (v != null) {
        s = s.withValue(o, v);
      }
    }
    return s;
  }

  /** Text for picocli's help, which formats it: a literal '%' is written '%%'. */
  private static String literal(String text) {
    return text.replace("%", "%%");
  }

  private static Class<?> primitive(Class<?> boxed) {
    return boxed == Integer.class ? int.class : boxed == Long.class ? long.class : boxed == Double.class ? double.class
        : boolean.class;
  }
}
