package io.cairn.spring.boot;

import io.cairn.jcache.spi.CairnCachingProvider;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Cairn is the cache when {@code spring.cache.type} is unset or {@code jcache}, and {@code
 * spring.cache.jcache.provider} is unset or names Cairn's provider.
 */
class CairnSelectedCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    Environment environment = context.getEnvironment();
    String type = environment.getProperty("spring.cache.type");
    if (type != null && !type.trim().toLowerCase(Locale.ROOT).equals("jcache")) {
      return ConditionOutcome.noMatch("spring.cache.type is " + type + ", not jcache");
    }
    String provider = environment.getProperty("spring.cache.jcache.provider");
    if (provider != null && !provider.trim().equals(CairnCachingProvider.class.getName())) {
      return ConditionOutcome.noMatch("spring.cache.jcache.provider names " + provider);
    }
    return ConditionOutcome.match("Cairn is the JCache provider");
  }
}
