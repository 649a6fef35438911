package dev.basin.trusted;

public final class TrustedMath {

  /*@ public normal_behavior
    @ ensures x == x ==> \result >= 0.0;
    @ ensures x >= 0.0 ==> \result >= 1.0;
    @ ensures x <= 0.0 ==> \result <= 1.0;
    @ ensures x != x ==> \result != \result;
    @ assignable \strictly_nothing;
    @*/
  public static double exp(double x);

  /*@ public normal_behavior
    @ ensures x >= 1.0 ==> \result >= 0.0;
    @ ensures x != x ==> \result != \result;
    @ assignable \strictly_nothing;
    @*/
  public static double log(double x);

  /*@ public normal_behavior
    @ ensures x >= 0.0 ==> \result >= 0.0;
    @ ensures x != x ==> \result != \result;
    @ assignable \strictly_nothing;
    @*/
  public static double log1p(double x);

  /*@ public normal_behavior
    @ ensures x == x ==> \result >= -1.0 && \result <= 1.0;
    @ ensures x >= 0.0 ==> \result >= 0.0;
    @ ensures x <= 0.0 ==> \result <= 0.0;
    @ assignable \strictly_nothing;
    @*/
  public static double tanh(double x);

  /*@ public normal_behavior
    @ ensures n >= 1 ==> \result >= 1.0 && \result <= 2147483647.0;
    @ assignable \strictly_nothing;
    @*/
  public static double toDouble(int n);
}
