package com.example;

import org.hibernate.SessionFactory;

/** Not in the guide: opens the guide's SessionFactory for the tests in another package. */
public final class GuideBootstrap {
  private GuideBootstrap() {}

  public static SessionFactory buildSessionFactory() {
    return Main.buildSessionFactory();
  }
}
