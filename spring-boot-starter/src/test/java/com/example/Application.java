package com.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@EnableCaching
public class Application {
  public static void main(String[] args) {
    try (ConfigurableApplicationContext context = SpringApplication.run(Application.class, args)) {
      BookService books = context.getBean(BookService.class);
      books.find(1);
      books.find(1); // read from Cairn: the method does not run again
      System.out.println("find(1) twice: " + books.lookups() + " lookup(s)");
    }
  }
}
