/**
 * ECharts, imported piece by piece: only the charts and components the site draws. Loaded lazily (this
 * module is a separate chunk), so a page's first paint does not wait for it.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendPlainComponent, SVGRenderer]);

export { echarts };
