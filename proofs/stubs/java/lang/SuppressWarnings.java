package java.lang;

/** Source stub so that KeY (whose JDK model lacks it) can parse {@code @SuppressWarnings}. */
public @interface SuppressWarnings {
  String[] value();
}
