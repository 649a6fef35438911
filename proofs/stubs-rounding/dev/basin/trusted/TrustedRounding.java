package dev.basin.trusted;

public final class TrustedRounding {

  /*@ public normal_behavior
    @ ensures x == x ==> \result <= x && \result == \result;
    @ ensures x > 0.0 ==> \result >= 0.0;
    @ ensures x != x ==> \result != \result;
    @ assignable \strictly_nothing;
    @*/
  public static double nextDown(double x);

  /*@ public normal_behavior
    @ ensures x == x ==> \result >= x && \result == \result;
    @ ensures x < 0.0 ==> \result <= 0.0;
    @ ensures x != x ==> \result != \result;
    @ assignable \strictly_nothing;
    @*/
  public static double nextUp(double x);

  /*@ public normal_behavior
    @ assignable \strictly_nothing;
    @*/
  public static double fma(double a, double b, double c);
}
